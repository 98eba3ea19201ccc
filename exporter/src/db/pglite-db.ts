import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, PoolStats, Queryable, QueryResult } from './db';

interface WorkerError {
  message: string;
  code?: string;
  detail?: string;
  position?: string;
}

/**
 * Embedded PostgreSQL (PGlite, WASM) persisted in a data directory: the zero-setup store. It runs in a
 * worker thread (see pglite-worker.js) so that long queries never stall HTTP handling or /metrics.
 * PGlite has one connection and serialises queries itself, so the "pool" is that one connection.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private pending = 0;
  private seq = 0;
  private txSeq = 0;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; result?: unknown; error?: WorkerError }) => {
      const call = this.calls.get(m.id);
      if (!call) return;
      this.calls.delete(m.id);
      if (m.error) call.reject(Object.assign(new Error(m.error.message), m.error));
      else call.resolve(m.result);
    });
    worker.on('error', (err) => {
      for (const c of this.calls.values()) c.reject(err);
      this.calls.clear();
    });
  }

  static async open(dataDir: string): Promise<PgliteDb> {
    mkdirSync(dataDir, { recursive: true });
    const worker = new Worker(join(__dirname, 'pglite-worker.js'), { workerData: { dataDir } });
    const db = new PgliteDb(worker);
    await db.send({ op: 'open' });
    return db;
  }

  private send<T>(msg: Record<string, unknown>): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  private async tracked<T>(p: () => Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await p();
    } finally {
      this.pending--;
    }
  }

  query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.tracked(() => this.send<QueryResult<R>>({ op: 'query', sql, params }));
  }

  exec(sql: string): Promise<void> {
    return this.tracked(() => this.send<void>({ op: 'exec', sql }));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.tracked(async () => {
      const tx = ++this.txSeq;
      await this.send({ op: 'begin', tx });
      const q: Queryable = {
        query: <R>(sql: string, params?: unknown[]) =>
          this.send<QueryResult<R>>({ op: 'txquery', tx, sql, params }),
        exec: (sql: string) => this.send<void>({ op: 'txexec', tx, sql }),
      };
      let out: T;
      try {
        out = await fn(q);
      } catch (err) {
        await this.send({ op: 'rollback', tx }).catch(() => undefined);
        throw err;
      }
      await this.send({ op: 'commit', tx });
      return out;
    });
  }

  poolStats(): PoolStats {
    const busy = Math.min(this.pending, 1);
    return { total: 1, idle: 1 - busy, waiting: Math.max(0, this.pending - 1), max: 1 };
  }

  async close(): Promise<void> {
    await this.send({ op: 'close' });
    await this.worker.terminate();
  }
}
