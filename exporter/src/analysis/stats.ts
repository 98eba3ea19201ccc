// Small statistics shared by the trend, shift, comparison, peer, forecast and learning modules. Distributions
// come from stdlib (well-kept, accurate incomplete-beta based t CDF); the rest is a few lines each.

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return 1;
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/** Two-sided p-value of a Student t statistic with `df` (possibly fractional) degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return 1;
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** The standard normal quantile, e.g. 1.2816 for 0.9. */
export function zQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

/** Sample variance (n - 1 denominator). */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i] - m) ** 2;
  return s / (n - 1);
}

/** Median of an array-like, not modifying it. O(n log n). */
export function medianOf(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median absolute deviation scaled to estimate a normal standard deviation (x 1.4826). */
export function robustSd(xs: ArrayLike<number>): number {
  const m = medianOf(xs);
  const dev = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) dev[i] = Math.abs(xs[i] - m);
  return 1.4826 * medianOf(dev);
}

/** Sample autocorrelation at lag k (biased estimator, the usual one for ACFs). */
export function autocorrelation(xs: ArrayLike<number>, k: number): number {
  const n = xs.length;
  if (k >= n || n < 3) return 0;
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (xs[i] - m) ** 2;
    if (i >= k) num += (xs[i] - m) * (xs[i - k] - m);
  }
  return den > 0 ? num / den : 0;
}

/**
 * Lag-1 autocorrelation corrected for its small-sample bias (about -(1 + 4 rho) / n for AR(1) with an
 * estimated mean, Marriott and Pope 1954): on 24 hourly differences the raw estimate of 0.5 comes out near
 * 0.37, and a test trusting it fires at twice its nominal rate.
 */
export function lag1Autocorrelation(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 4) return 0;
  const r = autocorrelation(xs, 1);
  return Math.min(0.95, r + (1 + 4 * r) / n);
}

/**
 * Variance inflation of a mean (or of a rank sum) of `n` AR(1) values with lag-1 autocorrelation `rho`:
 * 1 + 2 sum_k (1 - k/n) rho^k. Only positive autocorrelation inflates; a negative estimate is taken as 0 so
 * the correction never makes a test bolder. Business series are usually positively autocorrelated, and
 * ignoring it is the main reason naive trend and shift tests fire far above their nominal rate.
 */
export function ar1Inflation(rho: number, n: number): number {
  const r = Math.min(Math.max(rho, 0), 0.95);
  if (r === 0) return 1;
  let f = 1;
  let rk = 1;
  for (let k = 1; k < n; k++) {
    rk *= r;
    if (rk < 1e-9) break;
    f += 2 * (1 - k / n) * rk;
  }
  return f;
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the input order: reject where q <= alpha to control
 * the false discovery rate at alpha (and the family-wise rate when every null is true).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k];
    running = Math.min(running, (p * m) / (k + 1));
    q[i] = Math.min(1, running);
  }
  return q;
}

/**
 * Subtracts a seasonal profile so a weekly or daily pattern does not look like noise, a trend or a shift.
 * Classical decomposition made robust: each value's deviation from the centred moving average over one
 * period (a 2 x period average when the period is even) is taken, the profile is the median deviation of
 * each phase (index mod `period`), centred on 0. The moving average follows a trend or a step, so neither
 * leaks into the profile, and medians keep an incident day from bending it. NaN values stay NaN and are
 * skipped. O(n) plus the medians.
 */
export function removeSeasonalProfile(values: readonly number[], period: number): number[] {
  const n = values.length;
  if (period <= 1 || n < 2 * period) return [...values];
  // Prefix sums of the finite values and of their count, for O(1) window means.
  const sum = new Float64Array(n + 1);
  const cnt = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(values[i]);
    sum[i + 1] = sum[i] + (ok ? values[i] : 0);
    cnt[i + 1] = cnt[i] + (ok ? 1 : 0);
  }
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const byPhase: number[][] = Array.from({ length: period }, () => []);
  for (let i = half; i < n - half; i++) {
    if (!Number.isFinite(values[i])) continue;
    // Odd period: the mean of [i - half, i + half]. Even: the ends get half weight (2 x period average).
    let s = sum[i + half + 1] - sum[i - half];
    let c = cnt[i + half + 1] - cnt[i - half];
    if (even) {
      for (const end of [values[i - half], values[i + half]]) {
        if (Number.isFinite(end)) {
          s -= end / 2;
          c -= 0.5;
        }
      }
    }
    if (c < period / 2) continue; // mostly missing around this value
    byPhase[i % period].push(values[i] - s / c);
  }
  const profile = byPhase.map((xs) => (xs.length ? medianOf(xs) : 0));
  const centre = mean(profile);
  return values.map((v, i) => v - (profile[i % period] - centre));
}
