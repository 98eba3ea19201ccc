import path from 'path';

export const SOURCE_DIR = 'src';
export const DIST_DIR = 'dist';

/** Where one plugin lives; every path of its build hangs off this (the scaffold assumed process.cwd()). */
export interface PluginPaths {
  root: string;
  src: string;
  dist: string;
}

export function pluginPaths(root: string = process.cwd()): PluginPaths {
  const abs = path.resolve(root);
  return { root: abs, src: path.join(abs, SOURCE_DIR), dist: path.join(abs, DIST_DIR) };
}
