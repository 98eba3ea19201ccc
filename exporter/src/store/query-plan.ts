import type { Aggregation } from '@kpilens/contract';

/** Bucket widths a query is rounded up to (ms): readable on a graph, and aligned with the rollups. */
export const NICE_INTERVALS_MS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
  2592000,
].map((s) => s * 1000);

export interface QueryPlan {
  intervalMs: number;
  /** 0 = raw points, else the rollup resolution in seconds */
  resolution: number;
  fromMs: number;
  toMs: number;
}

/**
 * Chooses the bucket width and the source for a range query: at least the requested interval, wide enough
 * for `maxDataPoints` buckets, then served from the coarsest rollup that divides it. p95 needs the raw
 * values, so it always reads raw points.
 */
export function planQuery(q: {
  fromMs: number;
  toMs: number;
  intervalMs?: number;
  maxDataPoints: number;
  aggregation: Aggregation;
}): QueryPlan {
  const range = Math.max(q.toMs - q.fromMs, 1);
  const wanted = Math.max(q.intervalMs ?? 0, Math.ceil(range / q.maxDataPoints), 1000);
  const nice = (w: number) => NICE_INTERVALS_MS.find((n) => n >= w) ?? Math.ceil(w / 86400000) * 86400000;
  let intervalMs = nice(wanted);
  // A range that starts or ends inside a bucket touches one or two buckets more than range / interval:
  // widen until the whole buckets fit maxDataPoints (or one bucket spans the range: no width does better).
  while (
    Math.ceil(q.toMs / intervalMs) - Math.floor(q.fromMs / intervalMs) > q.maxDataPoints &&
    intervalMs < range
  )
    intervalMs = nice(intervalMs + 1);
  let resolution = 0;
  if (q.aggregation !== 'p95') {
    for (const r of [86400, 3600, 60]) {
      if (intervalMs % (r * 1000) === 0) {
        resolution = r;
        break;
      }
    }
  }
  // Align both ends to bucket boundaries so each bucket is whole: a rollup bucket cannot be cut, so an end
  // inside a bucket would otherwise give different answers from rollups and from raw points.
  const fromMs = Math.floor(q.fromMs / intervalMs) * intervalMs;
  const toMs = Math.ceil(q.toMs / intervalMs) * intervalMs;
  return { intervalMs, resolution, fromMs, toMs };
}

export function sourceName(resolution: number): string {
  return resolution === 0
    ? 'raw'
    : resolution === 60
      ? 'rollup_1m'
      : resolution === 3600
        ? 'rollup_1h'
        : 'rollup_1d';
}
