import { Pool, types } from 'pg';
import type { Db, PoolStats, Queryable, QueryResult } from './db';

// int8 (count(*), bigserial) as JS numbers: our counts stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

export interface PgOptions {
  connectionString: string;
  max: number;
  /** How long a request may wait for a pooled connection before failing (back-pressure, not a queue). */
  connectionTimeoutMillis: number;
  statementTimeoutMillis: number;
}

export class PgDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly max: number;

  constructor(opts: PgOptions) {
    this.max = opts.max;
    this.pool = new Pool({
      connectionString: opts.connectionString,
      max: opts.max,
      connectionTimeoutMillis: opts.connectionTimeoutMillis,
      statement_timeout: opts.statementTimeoutMillis,
      application_name: 'kpilens-exporter',
    });
    // An idle client losing its server (restart) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    const res = await this.pool.query(sql, params as unknown[]);
    return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // pg-pool listens for errors on idle clients only: a checked-out client whose server goes away (restart,
    // admin shutdown) emits 'error', which would crash the process without a listener. The failing query
    // rejects on its own; the client is then discarded, not returned to the pool.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const tx: Queryable = {
        query: async <R>(sql: string, params?: unknown[]) => {
          const res = await client.query(sql, params as unknown[]);
          return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
        },
        exec: async (sql: string) => {
          await client.query(sql);
        },
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  poolStats(): PoolStats {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
      max: this.max,
    };
  }

  /** The underlying pool, for COPY in benchmarks. */
  get rawPool(): Pool {
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
