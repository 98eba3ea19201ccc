import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Db } from '../../src/db/db';
import { migrate } from '../../src/db/migrate';
import { PgDb } from '../../src/db/pg-db';
import { PgliteDb } from '../../src/db/pglite-db';
import { PG_BIN } from './postgres-server';

export type BackendName = 'postgres' | 'pglite';

export interface TestDb {
  db: Db;
  /** DATABASE_URL for PostgreSQL, undefined for PGlite */
  url?: string;
  dataDir?: string;
  close(): Promise<void>;
}

/** A fresh, migrated database on the given backend: a new PostgreSQL database, or a new PGlite directory. */
export async function openTestDb(backend: BackendName, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  let t: TestDb;
  if (backend === 'postgres') {
    const admin = process.env.KPILENS_TEST_PG_URL;
    if (!admin) throw new Error('PostgreSQL test cluster not started (install postgresql)');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const url = admin.replace(/\/[^/]*$/, `/${name}`);
    const db = new PgDb({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 3000,
      statementTimeoutMillis: 60000,
    });
    t = { db, url, close: () => db.close() };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'kpilens-pglite-'));
    const db = await PgliteDb.open(dataDir);
    t = {
      db,
      dataDir,
      close: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (opts.migrate !== false) await migrate(t.db);
  return t;
}

/** Both backends when PostgreSQL is installed; PGlite alone (with a skip naming what to install) otherwise. */
export function eachBackend(name: string, fn: (backend: BackendName) => void): void {
  describe.each(['pglite', 'postgres'] as BackendName[])(`${name} [%s]`, (backend) => {
    if (backend === 'postgres' && (!PG_BIN.initdb || !PG_BIN.postgres)) {
      it.skip('needs PostgreSQL server binaries: apt-get install -y postgresql', () => undefined);
      return;
    }
    fn(backend);
  });
}
