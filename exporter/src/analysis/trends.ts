// Trend of a daily series: the seasonal Kendall test (Mann-Kendall within each weekday) with the
// Hirsch-Slack covariance correction, and the matching Sen slope.
//
// Why: rank based, so a few outlier days (an incident, a promotion) neither tilt the slope nor make a flat
// series look trending, and no noise distribution is assumed; ties (small counts) are corrected for.
// Comparing only like weekdays (Monday with Monday) makes any weekly pattern irrelevant without estimating
// it (subtracting an estimated weekly profile first shares that estimate's noise across pairs and fires at
// about 7% instead of 5%). Correlation between the days of one week (a KPI's noise wanders for days) is
// taken into account by the Hirsch-Slack covariances of the weekdays' statistics; correlation from one week
// to the next by an AR(1) inflation. Series shorter than 3 weeks get the plain Mann-Kendall test on the raw
// values (too few weeks to compare weekdays), with the AR(1) inflation at lag one day.
//
// Cost: O(d^2 / period) pairs for d days (90 days: 7 x 78 pairs) plus O(period^2 x weeks^2) for the
// covariances: well under a millisecond. Run it on daily aggregates, never on hourly points.

import { ar1Inflation, autocorrelation, lag1Autocorrelation, medianOf, normalTwoSidedP } from './stats';

export interface TrendOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Seasonal period in samples (default 7: weekdays of daily data; 1 = no seasonality). */
  period?: number;
  /** Fewer non-missing values than this give no trend (default 10). */
  minPoints?: number;
}

export type TrendDirection = 'up' | 'down' | 'flat';

export interface Trend {
  /** Sen slope, in value units per sample (per day on daily data). */
  slopePerDay: number;
  /** slopePerDay divided by the series' median level: 0.01 = +1% of the level per day. null when the level is 0. */
  relativeSlope: number | null;
  /** Two-sided p-value, tie and serial-correlation corrected. */
  pValue: number;
  significant: boolean;
  /** 'flat' unless significant. */
  direction: TrendDirection;
  /** Non-missing values used. */
  n: number;
  /** Median of the series (the level relativeSlope refers to). */
  level: number;
  /**
   * The Sen line (intercept: median of value - slope x index) at the first and the last day with a value:
   * where the trend started and where it is now.
   */
  start: number;
  end: number;
  /** Kendall S statistic (concordant minus discordant pairs, within seasons). */
  s: number;
  /** 'seasonal-kendall' or 'mann-kendall' (short series). */
  method: 'seasonal-kendall' | 'mann-kendall';
}

const sign = (d: number): number => (d > 0 ? 1 : d < 0 ? -1 : 0); // NaN (a missing value) counts as 0

/** Mann-Kendall variance of S for one group of values, less its tied groups' share (Kendall 1975). */
function kendallVariance(xs: readonly number[]): number {
  const n = xs.length;
  let v = n * (n - 1) * (2 * n + 5);
  const sorted = Float64Array.from(xs).sort();
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) v -= t * (t - 1) * (2 * t + 5);
    i = j;
  }
  return v / 18;
}

/**
 * Detects a monotonic trend in a regularly spaced series (one value per day; NaN = missing day).
 * The slope is per sample, so pass daily aggregates to get a slope per day.
 */
export function detectTrend(values: readonly number[], opts: TrendOptions = {}): Trend {
  const alpha = opts.alpha ?? 0.05;
  const minPoints = opts.minPoints ?? 10;
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  const level = medianOf(finite);
  const period = values.length >= 3 * (opts.period ?? 7) ? (opts.period ?? 7) : 1;
  const method = period > 1 ? 'seasonal-kendall' : 'mann-kendall';
  if (n < minPoints) {
    return {
      slopePerDay: 0,
      relativeSlope: null,
      pValue: 1,
      significant: false,
      direction: 'flat',
      n,
      level,
      start: level,
      end: level,
      s: 0,
      method,
    };
  }

  // grid[g][i]: season g (phase), cycle i (week); NaN where missing.
  const cycles = Math.ceil(values.length / period);
  const grid = Array.from({ length: period }, (_, g) =>
    Array.from({ length: cycles }, (_, i) => {
      const v = values[i * period + g];
      return v !== undefined && Number.isFinite(v) ? v : NaN;
    }),
  );

  let s = 0;
  let varS = 0;
  const slopes: number[] = [];
  for (const season of grid) {
    for (let i = 0; i < cycles - 1; i++) {
      for (let j = i + 1; j < cycles; j++) {
        const d = season[j] - season[i];
        if (Number.isNaN(d)) continue;
        s += sign(d);
        slopes.push(d / ((j - i) * period));
      }
    }
    varS += kendallVariance(season.filter(Number.isFinite));
  }
  // Hirsch and Slack (1984): covariance of the seasons' S from the same cycles' joint moves and ranks.
  if (period > 1) {
    const ranks = grid.map((season) =>
      season.map((x, i) =>
        Number.isNaN(x) ? NaN : season.reduce((r, y, j) => r + (j === i ? 0 : sign(x - y)), 0),
      ),
    );
    for (let g = 0; g < period; g++) {
      for (let h = 0; h < period; h++) {
        if (g === h) continue;
        let k = 0;
        let r = 0;
        for (let i = 0; i < cycles; i++) {
          // ranks centred on 0 (2R - n - 1), so a missing value contributes nothing
          if (!Number.isNaN(ranks[g][i] * ranks[h][i])) r += ranks[g][i] * ranks[h][i];
          for (let j = i + 1; j < cycles; j++)
            k += sign((grid[g][j] - grid[g][i]) * (grid[h][j] - grid[h][i]));
        }
        varS += (k + r) / 3;
      }
    }
  }
  const slope = slopes.length ? medianOf(slopes) : 0;

  // Serial correlation the covariances do not cover: across cycles (weeks) for the seasonal test, across
  // days for the plain one, measured on the values around the fitted line.
  const resid: number[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) resid.push(v - slope * i);
  });
  const rho =
    period > 1
      ? autocorrelation(seasonalResiduals(values, slope, period), period)
      : lag1Autocorrelation(resid);
  varS *= ar1Inflation(rho, period > 1 ? cycles : n);

  const z = varS > 0 ? (s - sign(s)) / Math.sqrt(varS) : 0;
  const pValue = varS > 0 ? normalTwoSidedP(z) : 1;
  const significant = pValue < alpha && s !== 0;
  const direction: TrendDirection = !significant ? 'flat' : s > 0 ? 'up' : 'down';
  const relativeSlope = level !== 0 && Number.isFinite(level) ? slope / Math.abs(level) : null;
  const intercept = medianOf(resid);
  const firstIndex = values.findIndex(Number.isFinite);
  const lastIndex = values.length - 1 - [...values].reverse().findIndex(Number.isFinite);
  return {
    slopePerDay: slope,
    relativeSlope,
    pValue,
    significant,
    direction,
    n,
    level,
    start: intercept + slope * firstIndex,
    end: intercept + slope * lastIndex,
    s,
    method,
  };
}

/** Values around the trend line and their season's median, missing values as 0 (no contribution). */
function seasonalResiduals(values: readonly number[], slope: number, period: number): number[] {
  const detrended = values.map((v, i) => v - slope * i);
  const medians = Array.from({ length: period }, (_, g) =>
    medianOf(detrended.filter((v, i) => i % period === g && Number.isFinite(v))),
  );
  return detrended.map((v, i) => (Number.isFinite(v) ? v - medians[i % period] : 0));
}
