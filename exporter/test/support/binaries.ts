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

/**
 * `describe` when the binaries exist; otherwise a skipped suite that says what to install.
 * CI sets KPILENS_FAIL_ON_SKIP=1, which turns such a skip into a failure (see scripts/jest-summary-reporter.js).
 */
export function describeIfBinaries(binaries: Array<string | null>, install: string): jest.Describe {
  if (binaries.every((b) => b !== null)) return describe;
  const message = `skipped: missing binary; install ${install} (apt-get install -y ${install})`;
  process.stderr.write(`${message}\n`);
  return ((name: string, fn: () => void) =>
    describe.skip(`${name} [${message}]`, fn)) as unknown as jest.Describe;
}
