// Peer outliers: among series of one metric that differ in a single dimension (the same KPI per platform,
// per source, per payment method), the series whose recent change departs from its peers' changes.
//
// Why a ratio to its own history: peers differ in scale (a CTR of 0.4% on one platform and 2% on another
// are both normal), so each series is compared with itself first: value = median(recent) / median(history).
// A market-wide move (a holiday, a tracking outage hitting every platform) moves every ratio and flags none;
// one platform whose ratio breaks from the others is the news. Medians keep an incident day from dominating.
//
// The score: z = (log ratio - median of the other peers' log ratios) / scale, where scale combines the
// peers' spread (1.4826 x MAD, leave-one-out so the outlier does not widen its own yardstick) with the
// series' own sampling noise (the spread of its history, through the standard error of a median), so a
// noisy small platform is not flagged for noise. At least 3 series are needed: with 2 there is no majority.
// Cost: O(k^2 + k n log n) for k peers of n values (k is a handful).

import { medianOf, robustSd } from './stats';

export interface PeerSeries {
  /** Identifies the series in the output (e.g. the dimension value or the series id). */
  key: string;
  /** Recent values (e.g. the last 7 daily values). */
  recent: readonly number[];
  /** The series' own baseline before them (e.g. the 28 days before). */
  history: readonly number[];
}

export interface PeerOptions {
  /** |z| at which the score reaches 0.5 (default 3). */
  threshold?: number;
  /** Smallest scale, in log-ratio units, so identical peers do not make a 1% gap huge (default 0.02). */
  minScale?: number;
}

export interface PeerOutlier {
  key: string;
  /** 1 - 2^-((z / threshold)^2): 0.5 at the threshold, about 0.85 at 1.67 thresholds. */
  score: number;
  /** Which way the series departs from its peers. */
  direction: 'up' | 'down';
  /** The series' recent level relative to its history (1.1 = +10%). */
  value: number;
  /** The median of the other peers' ratios. */
  peerMedian: number;
  /** The median of the other peers' recent levels (their scales differ: context, not the comparison). */
  peerRecentLevel: number;
  z: number;
  recentLevel: number;
  baselineLevel: number;
}

/** Standard error factor of a median relative to a mean for normal data (sqrt(pi / 2)). */
const MEDIAN_SE = Math.sqrt(Math.PI / 2);

/**
 * Scores each series against its peers. Series without a positive recent and baseline level (a ratio is
 * meaningless) are left out; fewer than 3 comparable series give an empty result.
 */
export function peerOutliers(series: readonly PeerSeries[], opts: PeerOptions = {}): PeerOutlier[] {
  const threshold = opts.threshold ?? 3;
  const minScale = opts.minScale ?? 0.02;
  const keys = new Set<string>();
  const rows: Array<{
    key: string;
    logRatio: number;
    se: number;
    recentLevel: number;
    baselineLevel: number;
  }> = [];
  for (const s of series) {
    if (keys.has(s.key)) throw new Error(`series: duplicate key ${s.key}`);
    keys.add(s.key);
    const recent = s.recent.filter(Number.isFinite);
    const history = s.history.filter(Number.isFinite);
    const recentLevel = medianOf(recent);
    const baselineLevel = medianOf(history);
    if (!(recentLevel > 0 && baselineLevel > 0) || history.length < 2) continue;
    const logHistory = history.filter((v) => v > 0).map(Math.log);
    // Noise of log(median recent / median history) if nothing changed, from the history's own spread.
    const sd = logHistory.length >= 2 ? robustSd(logHistory) : 0;
    const se = MEDIAN_SE * sd * Math.sqrt(1 / recent.length + 1 / history.length);
    rows.push({
      key: s.key,
      logRatio: Math.log(recentLevel / baselineLevel),
      se,
      recentLevel,
      baselineLevel,
    });
  }
  if (rows.length < 3) return [];

  return rows.map((r, i) => {
    const otherRows = rows.filter((_, j) => j !== i);
    const others = otherRows.map((o) => o.logRatio);
    const peer = medianOf(others);
    const spread = robustSd(others);
    const scale = Math.max(minScale, Math.sqrt(spread * spread + r.se * r.se));
    const z = (r.logRatio - peer) / scale;
    return {
      key: r.key,
      score: 1 - Math.pow(2, -((z / threshold) ** 2)),
      direction: z >= 0 ? 'up' : 'down',
      value: Math.exp(r.logRatio),
      peerMedian: Math.exp(peer),
      peerRecentLevel: medianOf(otherRows.map((o) => o.recentLevel)),
      z,
      recentLevel: r.recentLevel,
      baselineLevel: r.baselineLevel,
    };
  });
}
