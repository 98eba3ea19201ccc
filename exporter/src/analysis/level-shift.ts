// Level shifts (change points in the level of a series): Pettitt's rank test, applied by binary
// segmentation.
//
// Why: Pettitt's statistic is the Mann-Whitney comparison of "before" and "after" maximised over every
// split point, so it finds where a level changed and how unlikely such a split is without a change, using
// ranks only: a spike or a heavy-tailed day cannot fake a shift, and no noise distribution is assumed. It
// costs one sort and one pass per segment, O(n log n), so it runs on hourly points as well as daily ones.
// Its p-value assumes independent values; positive serial correlation (hourly business data is strongly
// correlated) is handled by inflating the statistic's variance with the AR(1) effective-sample-size factor,
// which keeps the false-positive rate near nominal on autocorrelated noise. A seasonal profile (the median
// of each phase of `period`) is removed first, so a daily or weekly pattern is not a shift.
//
// Cost: O(n log n) per segment examined (at most 2 x maxShifts + 1 of them, each once).

import { ar1Inflation, lag1Autocorrelation, medianOf, removeSeasonalProfile, tTwoSidedP } from './stats';

export interface LevelShiftOptions {
  /** Significance level of each split (default 0.01: a shift is a strong claim). */
  alpha?: number;
  /** Seasonal period in samples removed before testing: 24 or 168 on hourly data, 7 on daily (default 1). */
  period?: number;
  /** Fewest samples on each side of a shift (default max(5, period)). */
  minSegment?: number;
  /** Most shifts reported, the most significant first found (default 3). */
  maxShifts?: number;
  /** Timestamps (ms) of the values, to report when each shift happened. */
  times?: readonly number[];
}

export interface LevelShift {
  /** Index (in the values given) of the first value at the new level. */
  index: number;
  /** times[index] when times were given, else null. */
  timeMs: number | null;
  /** Median level (seasonality removed) of the segment before and after the shift. */
  before: number;
  after: number;
  /** after - before. */
  size: number;
  /** size / |before|; null when before is 0. */
  relativeSize: number | null;
  /** Pettitt p-value of the split, corrected for serial correlation. */
  pValue: number;
}

interface Split {
  at: number;
  pValue: number;
}

/** The best split of one segment, which does not depend on the serial correlation (only its p-value does). */
interface Candidate {
  at: number;
  /** Pettitt's K = max |U_t|. */
  k: number;
  /** Segment length. */
  m: number;
  /** The step test's |difference of the sides' medians| over its standard error before the inflation. */
  stepT: number;
}

/**
 * Finds the most likely split of each segment it is asked about, once per segment. Midranks come from a
 * native numeric sort of the segment and one binary search per value (a comparator sort of indices is
 * several times slower in V8 and would dominate the cost).
 */
class Splitter {
  private readonly cache = new Map<string, Candidate | null>();
  private readonly xs: Float64Array;

  constructor(
    xs: readonly number[],
    private readonly minSegment: number,
  ) {
    this.xs = Float64Array.from(xs);
  }

  candidate(lo: number, hi: number): Candidate | null {
    const key = `${lo}:${hi}`;
    if (!this.cache.has(key)) this.cache.set(key, this.compute(lo, hi));
    return this.cache.get(key)!;
  }

  private compute(lo: number, hi: number): Candidate | null {
    const m = hi - lo;
    if (m < 2 * this.minSegment) return null;
    const segment = this.xs.subarray(lo, hi);
    const sorted = segment.slice().sort();
    let cum = 0;
    let best = -1;
    let k = 0;
    for (let t = 1; t < m; t++) {
      // Midrank of the value: ties share the average of the ranks they span.
      const v = segment[t - 1];
      const first = lowerBound(sorted, v);
      let end = first + 1;
      while (end < m && sorted[end] === v) end++; // ties are few: scanning beats a second search
      cum += (first + end + 1) / 2;
      const u = Math.abs(2 * cum - t * (m + 1));
      if (t >= this.minSegment && m - t >= this.minSegment && u > k) {
        k = u;
        best = t;
      }
    }
    if (best < 0) return null;
    const at = lo + this.refine(segment, sorted, best);
    return { at, k, m, stepT: this.stepT(lo, at, hi) };
  }

  /**
   * Pettitt's maximum locates a change only roughly: its statistic grows only while the values passed are
   * below the overall median, so lower-side values close to the change pull it off by a few values, and a
   * step near an end (where the overall median lies inside the longer side) by many: a step 14 values before
   * the end of 56 was placed 9 values early. The split with the best two-level least-squares fit of the
   * values is the sharper estimate; the values are first clipped to the segment's 1st and 99th percentiles
   * (at least the one most extreme value each side), so a spike cannot pull it. O(m) with prefix sums and
   * the segment's sorted values, which Pettitt's ranks already needed.
   */
  private refine(segment: Float64Array, sorted: Float64Array, best: number): number {
    const m = segment.length;
    const k = Math.max(1, Math.floor(0.01 * m));
    const lowest = sorted[k];
    const highest = sorted[m - 1 - k];
    const sum = new Float64Array(m + 1);
    for (let i = 0; i < m; i++) {
      const v = Math.min(highest, Math.max(lowest, segment[i]));
      sum[i + 1] = sum[i] + v;
    }
    // The residual sum of squares of a two-level fit is the total one less left sum² / t + right sum² / (m - t).
    let at = best;
    let fit = -Infinity;
    for (let t = this.minSegment; t <= m - this.minSegment; t++) {
      const right = sum[m] - sum[t];
      const explained = (sum[t] * sum[t]) / t + (right * right) / (m - t);
      if (explained > fit) {
        fit = explained;
        at = t;
      }
    }
    return at;
  }

  /**
   * The split of values[lo..hi) and its p-value given the serial correlation `rho`: the smaller of
   * Pettitt's and the step test's, doubled (a union bound, so the level stays alpha).
   */
  split(lo: number, hi: number, rho: number): Split | null {
    const c = this.candidate(lo, hi);
    if (!c) return null;
    const { k, m } = c;
    const inflation = ar1Inflation(rho, m);
    const pettitt = Math.min(1, 2 * Math.exp((-6 * k * k) / ((m ** 3 + m ** 2) * inflation)));
    // Bonferroni over the splits the best one was picked from.
    const choices = m - 2 * this.minSegment + 1;
    const step = Math.min(1, choices * tTwoSidedP(c.stepT / Math.sqrt(inflation), m - 2));
    return { at: c.at, pValue: Math.min(1, 2 * Math.min(pettitt, step)) };
  }

  /**
   * Why a second test: Pettitt's statistic is bounded by the split's position (at most t (m - t)), so with
   * few values on one side it cannot reach a small p-value however large the step (a 30 % step ten days
   * before the end of 56 daily means stays above p = 0.001). The step test weighs the size: the difference
   * of the two sides' medians over its robust standard error (1.4826 MAD of the values around their own
   * side's median, times 1.2533 for a median; split() adds the serial-correlation inflation and takes
   * Student's t p-value (m - 2 df: a MAD of few values is itself uncertain) times the number of splits that
   * could have been chosen (Bonferroni: the split was picked as the best). Medians and MAD keep it as immune
   * to spikes as the ranks. Computed once per segment: only the inflation differs between the passes.
   */
  private stepT(lo: number, at: number, hi: number): number {
    const before = this.xs.subarray(lo, at);
    const after = this.xs.subarray(at, hi);
    const mb = selectMedian(before.slice());
    const ma = selectMedian(after.slice());
    const dev = new Float64Array(hi - lo);
    before.forEach((v, i) => (dev[i] = Math.abs(v - mb)));
    after.forEach((v, i) => (dev[before.length + i] = Math.abs(v - ma)));
    const sigma = 1.4826 * selectMedian(dev);
    const diff = Math.abs(ma - mb);
    if (!(sigma > 0)) return diff > 0 ? Infinity : 0;
    return diff / (1.2533 * sigma * Math.sqrt(1 / before.length + 1 / after.length));
  }
}

/** The k-th smallest value of `a` (reordering it): quickselect, O(n) on average. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Median of `a` (reordering it) without a full sort: the step test takes three medians per segment, which
 * sorting made as costly as Pettitt's ranks.
 */
function selectMedian(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const upper = select(a, n >> 1);
  if (n % 2) return upper;
  // The lower middle is the largest value left of the upper one after the partition.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

/** First index of `sorted` holding a value >= v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary segmentation: split the segment with the most significant split, then look inside both halves. */
function segment(splitter: Splitter, n: number, alpha: number, maxShifts: number, rho: number): Split[] {
  const found: Split[] = [];
  const pending: Array<[number, number, Split]> = [];
  const consider = (lo: number, hi: number) => {
    const s = splitter.split(lo, hi, rho);
    if (s && s.pValue < alpha) pending.push([lo, hi, s]);
  };
  consider(0, n);
  while (pending.length > 0 && found.length < maxShifts) {
    pending.sort((p, q) => p[2].pValue - q[2].pValue);
    const [lo, hi, s] = pending.shift()!;
    found.push(s);
    consider(lo, s.at);
    consider(s.at, hi);
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Median of each segment between the cuts. */
function segmentLevels(xs: readonly number[], cuts: readonly number[]): number[] {
  const bounds = [0, ...cuts, xs.length];
  return bounds.slice(0, -1).map((lo, i) => medianOf(xs.slice(lo, bounds[i + 1])));
}

/**
 * Finds level shifts in a regularly spaced series (NaN = missing, skipped). Returns the significant shifts
 * in time order; an empty array means no level changed.
 */
export function detectLevelShifts(values: readonly number[], opts: LevelShiftOptions = {}): LevelShift[] {
  if (opts.times && opts.times.length !== values.length) throw new Error('times: expected one per value');
  const alpha = opts.alpha ?? 0.01;
  const period = opts.period ?? 1;
  const minSegment = opts.minSegment ?? Math.max(5, period);
  const maxShifts = opts.maxShifts ?? 3;
  // Seasonality is removed on the full grid (phases need the gaps), then missing values are dropped.
  const deseasoned =
    period > 1 && values.length >= 2 * period ? removeSeasonalProfile(values, period) : values;
  const kept: number[] = [];
  const xs: number[] = [];
  deseasoned.forEach((v, i) => {
    if (Number.isFinite(v)) {
      kept.push(i);
      xs.push(v);
    }
  });

  // The serial correlation must be measured around the levels, not across them (a shift would look like
  // strong correlation and hide itself), so a first segmentation that ignores correlation proposes the
  // levels, the correlation of the values around them is measured, and the final segmentation uses it.
  const splitter = new Splitter(xs, minSegment);
  const proposed = segment(splitter, xs.length, alpha, maxShifts, 0).map((s) => s.at);
  const proposedLevels = segmentLevels(xs, proposed);
  const bounds = [...proposed, xs.length];
  let seg = 0;
  const resid = xs.map((v, i) => {
    while (i >= bounds[seg]) seg++;
    return v - proposedLevels[seg];
  });
  const found = segment(splitter, xs.length, alpha, maxShifts, lag1Autocorrelation(resid));
  const cuts = found.map((s) => s.at);
  const levels = segmentLevels(xs, cuts);
  return cuts.map((at, i) => {
    const before = levels[i];
    const after = levels[i + 1];
    const size = after - before;
    return {
      index: kept[at],
      timeMs: opts.times ? opts.times[kept[at]] : null,
      before,
      after,
      size,
      relativeSize: before !== 0 ? size / Math.abs(before) : null,
      pValue: found[i].pValue,
    };
  });
}
