import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from '../../exporter/src/testing/binaries';

// Tests find binaries one way (exporter/src/testing/binaries.ts); skipping says what to install.
export { describeIfBinaries } from '../../exporter/test/support/binaries';

export const PROMTOOL = findBinary('promtool');
export const PROMETHEUS = findBinary('prometheus');

export interface Run {
  status: number | null;
  out: string;
}

export function promtool(args: string[], cwd?: string): Run {
  const r = spawnSync(PROMTOOL!, args, { encoding: 'utf8', cwd });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** A fresh temporary directory holding the given files. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpilens-provisioning-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
