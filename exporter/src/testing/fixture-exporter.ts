// A real exporter in its own process over a fresh real database, for tests that cannot host one in-process
// (the plugins' jsdom tests): PostgreSQL when its binaries are installed, PGlite otherwise. Run by
// plugins-config/testing/real-exporter.ts; prints one line `KPILENS_FIXTURE <json>` with the URL, the
// database kind and the API keys asked for, and stops (database removed) on SIGTERM or when stdin closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scope } from '@kpilens/contract';
import { loadConfig } from '../config';
import { startExporter } from '../server';
import { createApiKey } from '../store/api-keys';
import { PG_BIN, PostgresServer } from './postgres-server';

export interface FixtureSpec {
  /** API keys to create, by a name the test chooses. */
  keys: Record<string, { org: string; scopes: Scope[] }>;
  /** Extra exporter environment (KPILENS_SCORING_INTERVAL_MS...). */
  env?: Record<string, string>;
}

export interface FixtureInfo {
  url: string;
  database: 'postgres' | 'pglite';
  keys: Record<string, string>;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.KPILENS_FIXTURE_SPEC ?? '{"keys":{}}') as FixtureSpec;
  const cleanups: Array<() => Promise<void> | void> = [];
  let dbEnv: Record<string, string>;
  if (PG_BIN.initdb && PG_BIN.postgres) {
    const pg = await PostgresServer.create();
    cleanups.push(() => pg.destroy());
    dbEnv = { DATABASE_URL: await pg.createDatabase('kpilens_fixture') };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kpilens-fixture-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    dbEnv = { KPILENS_DATA_DIR: dir };
  }
  const config = loadConfig({
    KPILENS_PORT: '0',
    KPILENS_HOST: '127.0.0.1',
    KPILENS_LOG_LEVEL: 'warn',
    KPILENS_KEY_CACHE_TTL_MS: '0',
    KPILENS_ROLLUP_INTERVAL_MS: '200',
    KPILENS_ANALYSIS_INTERVAL_MS: '0',
    KPILENS_SCORING_INTERVAL_MS: '0',
    ...dbEnv,
    ...spec.env,
  });
  const running = await startExporter(config);
  cleanups.unshift(() => running.stop());
  const keys: Record<string, string> = {};
  for (const [name, k] of Object.entries(spec.keys))
    keys[name] = (await createApiKey(running.ctx.db, k.org, name, k.scopes)).key;
  const info: FixtureInfo = { url: running.url, database: running.ctx.db.kind, keys };
  process.stdout.write(`KPILENS_FIXTURE ${JSON.stringify(info)}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const c of cleanups) await c();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((err) => {
  process.stderr.write(`fixture exporter failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
