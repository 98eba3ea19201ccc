import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const KPILENS_BIN = join(__dirname, '..', '..', 'bin', 'kpilens.js');

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/** Runs a command in a child process (without blocking the test's event loop) and collects its output. */
export function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, env: { ...process.env, KPILENS_LOG_LEVEL: 'silent', ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Runs the `kpilens` CLI. */
export function kpilens(args: string[], env: Record<string, string>): Promise<RunResult> {
  return run(process.execPath, [KPILENS_BIN, ...args], env);
}
