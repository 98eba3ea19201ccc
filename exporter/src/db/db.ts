/** What the exporter needs from a database: the same SQL runs on PostgreSQL (`pg`) and embedded PGlite. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/**
 * A database error that means "not reachable or saturated right now" (so the API answers 503 with
 * Retry-After, not 500): connection failures, admin shutdown, too many connections, statement timeout.
 */
export function isUnavailableError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; message?: string };
  // node socket errors; PostgreSQL 57P01-03 (shutdown), 57014 (statement timeout), 53300 (too many connections), 08xxx
  if (
    e.code &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|57P0[1-3]|57014|53300|08\d\d\d)$/.test(
      e.code,
    )
  )
    return true;
  const msg = e.message ?? '';
  return /Connection terminated|connection timeout|terminating connection|Client has encountered a connection error|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i.test(
    msg,
  );
}
