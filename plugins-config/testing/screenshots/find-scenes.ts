import fs from 'fs';
import path from 'path';
import type { PluginFolder } from './scene';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
export const PLUGIN_FOLDERS: readonly PluginFolder[] = ['datasource-plugin', 'panel-plugin', 'app-plugin'];

/** Scene files of every plugin (`<plugin>/src/screenshots/*.scene.tsx`), in a stable order. */
export function findSceneFiles(root = REPO_ROOT): string[] {
  return PLUGIN_FOLDERS.flatMap((folder) => {
    const dir = path.join(root, folder, 'src', 'screenshots');
    if (!fs.existsSync(dir)) {
      return [];
    }
    return fs
      .readdirSync(dir)
      .filter((file) => /\.scene\.tsx?$/.test(file))
      .sort()
      .map((file) => path.join(dir, file));
  });
}

/** KPILENS_SCENES="a,b" keeps the scenes whose name contains one of the words. */
export function sceneFilter(value = process.env.KPILENS_SCENES): (name: string) => boolean {
  const words = (value ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  return (name) => words.length === 0 || words.some((w) => name.includes(w));
}
