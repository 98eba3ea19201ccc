// Period over period comparisons (day, week, month) with significance, on hourly points.
//
// Why paired like hours: each hour of the current period is compared with the same hour one period earlier
// (the same hour of day for a day, the same hour of the same weekday for a week or a month), so the daily and
// weekly patterns cancel in the differences and the test sees only the change plus noise. Comparing the two
// periods' hourly values as two independent samples (Welch, Mann-Whitney) would leave the daily swing in the
// noise and miss real changes. The differences are tested with a paired t-test whose variance is inflated
// for their positive hour-to-hour correlation (AR(1) effective sample size), which keeps the false-positive
// rate near nominal on real, autocorrelated hourly data.
//
// A "month" is 4 weeks (28 days) so weekdays line up; calendar months have 28 to 31 days and would compare a
// Saturday with a Tuesday. Cost: O(n) in the points of the two periods and the history used (points already
// in time order are not sorted again).

import { ar1Inflation, mean, tTwoSidedP, variance } from './stats';
import { DAY_MS } from './seasonal-memory';

export type ComparisonPeriod = 'day' | 'week' | 'month';

/** Length of each period in days ('month' = 4 weeks). */
export const PERIOD_DAYS: Record<ComparisonPeriod, number> = { day: 1, week: 7, month: 28 };

export interface PeriodCompareOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** How current and previous are reported: mean of the hours (default, for rates) or their sum (counts). */
  aggregate?: 'mean' | 'sum';
  /** Fewer paired hours than this give pValue 1 (default 12). */
  minPairs?: number;
}

export interface PeriodComparison {
  period: ComparisonPeriod;
  /** Start (inclusive) of the current period; it ends at the endMs given. */
  currentStartMs: number;
  previousStartMs: number;
  /** Aggregate of the current and previous period over the hours present in both. */
  current: number;
  previous: number;
  change: number;
  /** change / |previous|; null when previous is 0. */
  relativeChange: number | null;
  /** Paired t-test of the hourly differences, corrected for their serial correlation. */
  pValue: number;
  significant: boolean;
  /** Hours present in both periods. */
  pairs: number;
}

/**
 * Lag-1 autocorrelation pooled over blocks of consecutive differences (`block[i]` names the period of
 * `diffs[i]`; only blocks `use` accepts count), each block around its own mean (so a change between
 * periods does not read as correlation), with the small-sample bias correction of lag1Autocorrelation for
 * the blocks' mean length.
 */
function pooledLag1(diffs: readonly number[], block: readonly number[], use: (b: number) => boolean): number {
  let num = 0;
  let den = 0;
  let count = 0;
  let used = 0;
  for (let lo = 0; lo < diffs.length;) {
    let hi = lo + 1;
    while (hi < diffs.length && block[hi] === block[lo]) hi++;
    if (hi - lo >= 3 && use(block[lo])) {
      let m = 0;
      for (let i = lo; i < hi; i++) m += diffs[i];
      m /= hi - lo;
      for (let i = lo; i < hi; i++) {
        den += (diffs[i] - m) ** 2;
        if (i > lo) num += (diffs[i] - m) * (diffs[i - 1] - m);
      }
      count += hi - lo;
      used++;
    }
    lo = hi;
  }
  if (den <= 0) return 0;
  const r = num / den;
  return Math.min(0.95, r + (1 + 4 * r) / (count / used));
}

/**
 * Compares the period ending at `endMs` (exclusive) with the one before it. `points` are [timeMs, value]
 * pairs on a regular grid (hourly rollups), in any order. Points before the previous period are not compared
 * but help: their own period-over-period differences measure the serial correlation the test corrects for.
 */
export function comparePeriods(
  points: ReadonlyArray<readonly [number, number]>,
  period: ComparisonPeriod,
  endMs: number,
  opts: PeriodCompareOptions = {},
): PeriodComparison {
  if (!(period in PERIOD_DAYS)) throw new Error(`period: expected one of day, week, month, got ${period}`);
  const alpha = opts.alpha ?? 0.05;
  const minPairs = opts.minPairs ?? 12;
  const lengthMs = PERIOD_DAYS[period] * DAY_MS;
  const currentStartMs = endMs - lengthMs;
  const previousStartMs = currentStartMs - lengthMs;

  // Up to two weeks (or one period, if longer) of history before the previous period: their own
  // period-over-period differences say how correlated such differences are from hour to hour.
  const windowStartMs = previousStartMs - Math.max(14 * DAY_MS, lengthMs);
  let ts: number[] = [];
  let vs: number[] = [];
  let sorted = true;
  for (const [t, v] of points) {
    if (t < windowStartMs || t >= endMs || !Number.isFinite(v)) continue;
    if (ts.length && t <= ts[ts.length - 1]) sorted = false;
    ts.push(t);
    vs.push(v);
  }
  if (!sorted) {
    const order = ts.map((_, i) => i).sort((x, y) => ts[x] - ts[y]);
    ts = order.map((i) => ts[i]);
    vs = order.map((i) => vs[i]);
  }
  // Differences with the value one period earlier (a two-pointer walk over the sorted times), in time order,
  // each with its period (block 0 = the current one).
  const diffs: number[] = [];
  const blockOf: number[] = [];
  let curSum = 0;
  let prevSum = 0;
  let n = 0;
  for (let i = 0, j = 0; i < ts.length; i++) {
    const target = ts[i] - lengthMs;
    while (j < i && ts[j] < target) j++;
    if (j >= i || ts[j] !== target) continue;
    const b = Math.floor((ts[i] - currentStartMs) / lengthMs);
    diffs.push(vs[i] - vs[j]);
    blockOf.push(b);
    if (b === 0) {
      curSum += vs[i];
      prevSum += vs[j];
      n++;
    }
  }
  const cur = diffs.slice(diffs.length - n);
  const scale = opts.aggregate === 'sum' ? 1 : n > 0 ? 1 / n : NaN;
  const current = curSum * scale;
  const previous = prevSum * scale;
  const change = current - previous;

  let pValue = 1;
  if (n >= minPairs) {
    // Two dozen differences alone estimate their autocorrelation poorly (a day over day test trusting them
    // fires at about 9% instead of 5%): earlier periods' differences are pooled in.
    // Only periods a whole number of weeks back are alike: a past Saturday-over-Friday difference carries the
    // weekly pattern, smooth over the hours, which would read as strong correlation.
    const alike = (b: number) => (b * PERIOD_DAYS[period]) % 7 === 0;
    const inflation = ar1Inflation(pooledLag1(diffs, blockOf, alike), n);
    const nEff = n / inflation;
    const se = Math.sqrt((variance(cur) * inflation) / n);
    const m = mean(cur);
    pValue = se > 0 ? tTwoSidedP(m / se, Math.max(1, nEff - 1)) : m === 0 ? 1 : 0;
  }
  return {
    period,
    currentStartMs,
    previousStartMs,
    current,
    previous,
    change,
    relativeChange: previous !== 0 && Number.isFinite(previous) ? change / Math.abs(previous) : null,
    pValue,
    significant: pValue < alpha,
    pairs: n,
  };
}
