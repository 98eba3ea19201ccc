import { resolve } from 'node:path';
import type { Config } from '../config';
import type { Db } from './db';
import { PgDb } from './pg-db';
import { PgliteDb } from './pglite-db';

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite in the data directory. */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolMax' | 'dbStatementTimeoutMs'>,
): Promise<Db> {
  const db: Db = config.databaseUrl
    ? new PgDb({
        connectionString: config.databaseUrl,
        max: config.dbPoolMax,
        connectionTimeoutMillis: 5000,
        statementTimeoutMillis: config.dbStatementTimeoutMs,
      })
    : await PgliteDb.open(resolve(config.dataDir));
  return db;
}

export function describeDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded PGlite in ${resolve(config.dataDir)}`;
  const u = new URL(config.databaseUrl);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
