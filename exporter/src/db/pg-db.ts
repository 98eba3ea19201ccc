import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool, types } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, PoolStats, Queryable, QueryResult } from './db';

// int8 (count(*), bigserial) as JS numbers: our counts stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

/** A PostgreSQL transaction also takes COPY ... FROM STDIN (PGlite's does not: callers test for it). */
export interface CopyQueryable {
  copyIn(sql: string, data: Buffer): Promise<void>;
}

export function canCopy(tx: Queryable): tx is Queryable & CopyQueryable {
  return typeof (tx as Partial<CopyQueryable>).copyIn === 'function';
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

/**
 * Rows (int4, timestamptz, float8) in COPY's binary format: PostgreSQL stores them without parsing text,
 * the cheapest way in. Timestamps are epoch milliseconds.
 */
export function binaryCopyRows(
  ids: ArrayLike<number>,
  tsMs: ArrayLike<number>,
  values: ArrayLike<number>,
): Buffer {
  const n = ids.length;
  const buf = Buffer.allocUnsafe(COPY_SIGNATURE.length + 8 + n * 34 + 2);
  let o = COPY_SIGNATURE.copy(buf, 0);
  o = buf.writeInt32BE(0, o); // flags
  o = buf.writeInt32BE(0, o); // header extension length
  for (let i = 0; i < n; i++) {
    o = buf.writeInt16BE(3, o);
    o = buf.writeInt32BE(4, o);
    o = buf.writeInt32BE(ids[i], o);
    // microseconds since 2000-01-01 as a big-endian int64, from two 32-bit halves (exact below 2^53)
    const us = Math.round((tsMs[i] - PG_EPOCH_MS) * 1000);
    const high = Math.floor(us / TWO_32);
    o = buf.writeInt32BE(8, o);
    o = buf.writeInt32BE(high, o);
    o = buf.writeUInt32BE(us - high * TWO_32, o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(values[i], o);
  }
  buf.writeInt16BE(-1, o);
  return buf;
}

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
      const tx: Queryable & CopyQueryable = {
        query: async <R>(sql: string, params?: unknown[]) => {
          const res = await client.query(sql, params as unknown[]);
          return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
        },
        exec: async (sql: string) => {
          await client.query(sql);
        },
        copyIn: async (sql: string, data: Buffer) => {
          await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
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
