import fs from 'fs';
import os from 'os';
import path from 'path';
import { glob } from 'glob';
import type { PluginPaths } from './constants.ts';

export function isWSL(): boolean {
  if (process.platform !== 'linux') {
    return false;
  }
  if (os.release().toLowerCase().includes('microsoft')) {
    return true;
  }
  try {
    return fs.readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft');
  } catch {
    return false;
  }
}

function loadJson(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function getPackageJson(paths: PluginPaths) {
  return loadJson(path.join(paths.root, 'package.json'));
}

export function getPluginJson(paths: PluginPaths) {
  return loadJson(path.join(paths.src, 'plugin.json'));
}

/** The create-plugin version this shared config was generated from (plugins-config/.cprc.json). */
export function getCPConfigVersion(sharedConfigDir: string): string {
  const cprcJson = path.join(sharedConfigDir, '.cprc.json');
  return fs.existsSync(cprcJson) ? loadJson(cprcJson).version : 'unknown';
}

export function hasReadme(paths: PluginPaths): boolean {
  return fs.existsSync(path.join(paths.src, 'README.md'));
}

/**
 * One entry per plugin.json under src/ that has a sibling module.[jt]sx? (the scaffold's support for
 * nested plugins): `module` for the top-level plugin, `<dir>/module` for nested ones.
 */
export async function getEntries(paths: PluginPaths): Promise<Record<string, string>> {
  const pluginJsons = await glob('**/plugin.json', { cwd: paths.src, absolute: true });
  const modules = await Promise.all(
    pluginJsons.map((pluginJson) =>
      glob('module.{ts,tsx,js,jsx}', { cwd: path.dirname(pluginJson), absolute: true }),
    ),
  );
  const entries: Record<string, string> = {};
  for (const module of modules.flat()) {
    const pluginName = path.relative(paths.src, path.dirname(module));
    entries[pluginName === '' ? 'module' : `${pluginName}/module`] = module;
  }
  return entries;
}
