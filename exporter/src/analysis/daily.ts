// Hourly points to one value per UTC day: the input of trends, forecasts and learnings, which work on days
// (weekly seasonality, horizons in days, leads in days) and would be slow and fooled by the daily cycle on
// hours.

import { DAY_MS } from './seasonal-memory';

export interface DailyOptions {
  /** Sum of the day's hours (counts, amounts) or their mean (rates, levels). */
  aggregate: 'sum' | 'mean';
  /** First day (ms of its 00:00 UTC); default: the day of the first point. */
  fromDayMs?: number;
  /** Day after the last one (exclusive, 00:00 UTC); default: the day after the last point. */
  toDayMs?: number;
  /**
   * Days with fewer hourly points are NaN (default 18): a sum over a partial day, typically today's, would
   * read as a drop, and a mean over its first hours as the night's low.
   */
  minPoints?: number;
}

export interface DailySeries {
  /** 00:00 UTC of values[0]; day i is firstDayMs + i days. */
  firstDayMs: number;
  /** One value per day, NaN where the day has too few points. */
  values: number[];
  /** Points behind each day's value. */
  counts: number[];
}

export function startOfUtcDay(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS;
}

/** Aggregates [timeMs, value] points (any order; non-finite values skipped) into consecutive UTC days. */
export function toDaily(points: ReadonlyArray<readonly [number, number]>, opts: DailyOptions): DailySeries {
  const minPoints = opts.minPoints ?? 18;
  let first = opts.fromDayMs;
  let end = opts.toDayMs;
  if (first === undefined || end === undefined) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const [t] of points) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    first ??= Number.isFinite(lo) ? startOfUtcDay(lo) : 0;
    end ??= Number.isFinite(hi) ? startOfUtcDay(hi) + DAY_MS : first;
  }
  if (first % DAY_MS !== 0 || end % DAY_MS !== 0)
    throw new Error('fromDayMs, toDayMs: expected 00:00 UTC times');
  const days = Math.max(0, (end - first) / DAY_MS);
  const sums = new Array<number>(days).fill(0);
  const counts = new Array<number>(days).fill(0);
  for (const [t, v] of points) {
    const i = Math.floor((t - first) / DAY_MS);
    if (i < 0 || i >= days || !Number.isFinite(v)) continue;
    sums[i] += v;
    counts[i]++;
  }
  const values = sums.map((s, i) =>
    counts[i] < Math.max(1, minPoints) ? NaN : opts.aggregate === 'sum' ? s : s / counts[i],
  );
  return { firstDayMs: first, values, counts };
}
