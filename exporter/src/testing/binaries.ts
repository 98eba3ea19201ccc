import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute path of an executable on PATH or in the given extra directories; null when absent. */
export function findBinary(name: string, extraDirs: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  for (const d of dirs) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return null;
}

/** Debian keeps the PostgreSQL server binaries in /usr/lib/postgresql/<version>/bin, off PATH. */
export function postgresBinDirs(): string[] {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(base, v, 'bin'));
}
