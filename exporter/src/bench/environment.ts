// What every exporter benchmark stands on: a throwaway PostgreSQL cluster (or a PGlite directory), a migrated
// database, an API key, and the exporter itself in a child process, so the load generator in this process
// never shares an event loop with the server it measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { PgDb } from '../db/pg-db';
import { createApiKey } from '../store/api-keys';
import { freePort, PG_BIN, PostgresServer } from '../testing/postgres-server';

export const KPILENS_BIN = join(__dirname, '..', '..', 'bin', 'kpilens.js');

export interface BenchDatabase {
  /** DATABASE_URL of the benchmark database */
  url: string;
  db: PgDb;
  close(): Promise<void>;
}

/** A fresh cluster with one migrated database; the cluster is deleted on close. */
export async function startBenchPostgres(poolMax = 10): Promise<BenchDatabase> {
  if (!PG_BIN.initdb || !PG_BIN.postgres)
    throw new Error('PostgreSQL server binaries not found: apt-get install -y postgresql');
  const server = await PostgresServer.create();
  const url = await server.createDatabase('kpilens_bench');
  const db = new PgDb({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 10000,
    statementTimeoutMillis: 3_600_000,
  });
  await migrate(db);
  return {
    url,
    db,
    close: async () => {
      await db.close();
      await server.destroy();
    },
  };
}

export interface ExporterProcess {
  url: string;
  pid: number;
  /** Resident set size of the exporter process (all its threads), in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

/** Starts `kpilens serve` (or another serving command, e.g. demo) as a child process; resolves once it answers /ready. */
export async function startExporterProcess(
  env: Record<string, string>,
  opts: { execArgv?: string[]; command?: string[]; startTimeoutMs?: number } = {},
): Promise<ExporterProcess> {
  const port = await freePort();
  const args = [...(opts.execArgv ?? []), KPILENS_BIN, ...(opts.command ?? ['serve'])];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      KPILENS_HOST: '127.0.0.1',
      KPILENS_PORT: String(port),
      KPILENS_LOG_LEVEL: 'warn',
      // The load generator uses one key: the per-key limit would measure the limiter, not the exporter.
      KPILENS_RATE_LIMIT_PER_MINUTE: '10000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const timeout = opts.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('wait'), 200))]);
    if (early !== 'wait') throw new Error(`exporter exited during start (code ${String(early)})`);
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`exporter did not become ready within ${timeout / 1000} s`);
    }
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rss: () => rssOf(pid),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** VmRSS of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

export async function benchApiKey(db: Db): Promise<string> {
  return (await createApiKey(db, 'bench', 'bench', ['ingest', 'read'])).key;
}

/** A temporary directory removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
