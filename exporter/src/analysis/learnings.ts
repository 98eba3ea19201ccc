// Cross-model learnings: one KPI leading another by a few days (e.g. CTR on a platform leading signup
// completions), found by lagged correlation of daily changes, with a false-discovery correction over every
// pair and lag tested.
//
// Why these steps:
// - daily changes (first differences, of logs for positive series), not levels: two KPIs that both grow
//   over the quarter correlate strongly in level whatever their relation; changes do not share a trend;
// - each weekday's mean change removed: two KPIs quiet at the weekend would otherwise "lead" each other at
//   lags 0, 7 and 14; and the changes scaled to a steady spread (see dailyChanges);
// - the t-test of a correlation assumes independent days; differenced daily data is autocorrelated (about
//   -0.5 at lag 1), which makes spurious correlations likelier. Bartlett's effective sample size
//   (1/n_eff = 1/n + 2/n sum_k (1 - k/n) rho_a(k) rho_b(k)) corrects the test for it;
// - every pair is tested at lags -maxLag..maxLag (a leading b, or b leading a), so the best of 29 lags of
//   many pairs would find something by chance: Benjamini-Hochberg over all pair x lag tests keeps the
//   false discovery rate at alpha (and the chance of any false learning at alpha when there are none).
//
// Cost: O(maxLag x n) per pair for n days; k series give k(k-1)/2 pairs (100 series: 4,950 pairs, about
// 144,000 correlations of 90 days): choose the pairs (e.g. across models only, totals only) accordingly.

import { autocorrelation, benjaminiHochberg, mean, tTwoSidedP } from './stats';

export interface LeadLagOptions {
  /** Largest lag tested, in days, both ways (default 14). */
  maxLag?: number;
  /** Seasonal period of the daily data whose mean change per phase is removed (default 7; 1 = none). */
  period?: number;
  /** Fewer paired days than this at a lag: that lag is not tested (default 20). */
  minPairs?: number;
}

export interface LagCorrelation {
  /** Positive: a leads b by lag days; negative: b leads a. */
  lag: number;
  correlation: number;
  /** Uncorrected two-sided p-value (Bartlett-adjusted t-test). */
  pValue: number;
  /** Paired days. */
  n: number;
}

/**
 * The daily changes a learning correlates: differences of consecutive days (of logs for a positive series),
 * each weekday's mean change removed, then scaled to a steady spread (NaN where missing).
 *
 * - Logs: a weekly pattern is usually a multiplier, which becomes a constant per weekday in logs, whereas
 *   raw changes carry a weekday effect growing with the level (two growing KPIs with a weekend dip would
 *   then correlate at every lag).
 * - Steady spread: relative noise is larger on quiet weekdays and shrinks as a KPI grows; two KPIs sharing
 *   that pattern (most do) correlate by chance far more often than the t-test assumes. Each change is
 *   divided by its weekday's spread and by the spread of the changes within two weeks around it.
 */
export function dailyChanges(values: readonly number[], period = 7): number[] {
  const positive = values.every((v) => !Number.isFinite(v) || v > 0);
  const x = positive ? values.map(Math.log) : values;
  let d = x.map((v, i) => (i === 0 ? NaN : v - x[i - 1]));
  if (period > 1) {
    const byPhase = Array.from({ length: period }, (_, p) =>
      d.filter((v, i) => i % period === p && Number.isFinite(v)),
    );
    const centre = byPhase.map((xs) => mean(xs));
    const spread = byPhase.map((xs, p) =>
      Math.sqrt(xs.reduce((acc, v) => acc + (v - centre[p]) ** 2, 0) / xs.length),
    );
    d = d.map((v, i) => (spread[i % period] > 0 ? (v - centre[i % period]) / spread[i % period] : NaN));
  }
  const half = 14;
  return d.map((v, i) => {
    if (!Number.isFinite(v)) return NaN;
    let ss = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(d.length - 1, i + half); j++) {
      if (Number.isFinite(d[j])) {
        ss += d[j] * d[j];
        n++;
      }
    }
    return ss > 0 ? v / Math.sqrt(ss / n) : 0;
  });
}

/** Pearson correlation of x[t] and y[t + lag] over the t where both are finite. */
function lagged(x: readonly number[], y: readonly number[], lag: number): { r: number; n: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = Math.max(0, -lag); t < x.length && t + lag < y.length; t++) {
    if (Number.isFinite(x[t]) && Number.isFinite(y[t + lag])) {
      xs.push(x[t]);
      ys.push(y[t + lag]);
    }
  }
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  return { r, n };
}

/**
 * Correlations of the daily changes of a and b (aligned: index i is the same day in both) at every lag
 * from -maxLag to maxLag, each with its uncorrected p-value. Lags with too few paired days are left out.
 */
export function leadLagCorrelations(
  a: readonly number[],
  b: readonly number[],
  opts: LeadLagOptions = {},
): LagCorrelation[] {
  if (a.length !== b.length) throw new Error('b: expected as many days as a');
  const maxLag = opts.maxLag ?? 14;
  const minPairs = opts.minPairs ?? 20;
  const da = dailyChanges(a, opts.period ?? 7);
  const db = dailyChanges(b, opts.period ?? 7);
  // Autocorrelations of each series' changes (once, not per lag), up to 10 days.
  const fa = da.filter(Number.isFinite);
  const fb = db.filter(Number.isFinite);
  const kMax = Math.min(10, Math.floor(Math.min(fa.length, fb.length) / 4));
  const acf = Array.from({ length: kMax + 1 }, (_, k) =>
    k === 0 ? 0 : autocorrelation(fa, k) * autocorrelation(fb, k),
  );
  const out: LagCorrelation[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const { r, n } = lagged(da, db, lag);
    if (n < minPairs) continue;
    // Bartlett: serial correlation shared by both series shrinks the effective number of days.
    let s = 0;
    for (let k = 1; k <= kMax; k++) s += (1 - k / n) * acf[k];
    const nEff = Math.min(n, Math.max(3, n / (1 + 2 * s)));
    const t = r * Math.sqrt((nEff - 2) / Math.max(1e-12, 1 - r * r));
    out.push({ lag, correlation: r, pValue: tTwoSidedP(t, nEff - 2), n });
  }
  return out;
}

export interface PairInput<K> {
  /** Whatever identifies the pair for the caller (e.g. the two series refs). */
  key: K;
  /** Daily values, aligned: index i is the same day in both. */
  a: readonly number[];
  b: readonly number[];
}

export interface LeadLagFinding<K> {
  key: K;
  /** Which of the pair leads (at lag 0: a, by convention). */
  leader: 'a' | 'b';
  /** Days by which the leader leads (0 = same day). Maps onto Learning.lagDays. */
  lagDays: number;
  correlation: number;
  /** Benjamini-Hochberg adjusted p-value (q-value) over every pair and lag tested. Maps onto Learning.pValue. */
  pValue: number;
  /** Paired days. */
  n: number;
}

/**
 * Tests every pair at every lag and returns, for each pair with a discovery at false discovery rate
 * `alpha` (default 0.05), its strongest significant lag. Pairs with no discovery are not returned.
 */
export function findLearnings<K>(
  pairs: ReadonlyArray<PairInput<K>>,
  opts: LeadLagOptions & { alpha?: number } = {},
): Array<LeadLagFinding<K>> {
  const alpha = opts.alpha ?? 0.05;
  const tests = pairs.map((p) => leadLagCorrelations(p.a, p.b, opts));
  const q = benjaminiHochberg(tests.flat().map((t) => t.pValue));
  const found: Array<LeadLagFinding<K>> = [];
  let offset = 0;
  pairs.forEach((pair, i) => {
    let best: { t: LagCorrelation; q: number } | null = null;
    tests[i].forEach((t, j) => {
      const qv = q[offset + j];
      if (qv <= alpha && (!best || Math.abs(t.correlation) > Math.abs(best.t.correlation)))
        best = { t, q: qv };
    });
    offset += tests[i].length;
    if (best) {
      const { t, q: qv } = best as { t: LagCorrelation; q: number };
      found.push({
        key: pair.key,
        leader: t.lag >= 0 ? 'a' : 'b',
        lagDays: Math.abs(t.lag),
        correlation: t.correlation,
        pValue: qv,
        n: t.n,
      });
    }
  });
  return found;
}
