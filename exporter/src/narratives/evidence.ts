import type { Insight } from '@kpilens/contract';

/** The figures every actionable insight type can be read as: which way, how much against what, how sure. */
export interface EvidenceFigures {
  direction: 'up' | 'down';
  observed: number;
  /** Expected value (anomaly), level had it moved like its peers (peer outlier), earlier level (trend change), target (target risk). */
  expected: number;
  /** Strength in 0..1. */
  score: number;
}

const n = (x: unknown): number => (typeof x === 'number' ? x : NaN);

/**
 * Reads an insight's evidence by its type (anomaly evidence has no `kind`; the others name it). Learnings
 * carry no such figures: null.
 */
export function evidenceFigures(ins: Pick<Insight, 'type' | 'evidence'>): EvidenceFigures | null {
  const e = ins.evidence as unknown as Record<string, unknown>;
  const direction = e.direction === 'up' || e.direction === 'down' ? e.direction : undefined;
  switch (ins.type) {
    case 'anomaly':
      if (!direction) return null;
      return { direction, observed: n(e.observed), expected: n(e.expected), score: n(e.score) };
    case 'peer_outlier': {
      if (!direction) return null;
      // value and peerMedian are ratios of recent level to baseline: the reference is the level the series
      // would have reached moving like its peers.
      const recent = n(e.recentLevel);
      const baseline = n(e.baselineLevel);
      const leveled = Number.isFinite(recent) && Number.isFinite(baseline);
      // Without a score, the robust z-distance from the peers turned into 0..1: 2 -> 0.86, 3 -> 0.99.
      const dev = Math.abs(n(e.deviation));
      return {
        direction,
        observed: leveled ? recent : n(e.value ?? e.observed),
        expected: leveled ? baseline * n(e.peerMedian) : n(e.peerMedian ?? e.expected),
        score:
          typeof e.score === 'number' ? e.score : Number.isFinite(dev) ? 1 - Math.exp(-(dev * dev) / 2) : NaN,
      };
    }
    case 'trend_change':
      if (!direction) return null;
      return {
        direction,
        observed: n(e.after ?? e.observed),
        expected: n(e.before ?? e.expected),
        score: typeof e.pValue === 'number' ? 1 - e.pValue : n(e.score),
      };
    case 'target_risk': {
      if (e.target === undefined) {
        if (!direction) return null;
        return { direction, observed: n(e.observed), expected: n(e.expected), score: n(e.score) };
      }
      const atLeast = e.comparison !== 'at_most';
      // The whole prediction interval past the target: sure; only the central forecast: likely.
      const whole = atLeast ? n(e.upper) < n(e.target) : n(e.lower) > n(e.target);
      return {
        direction: atLeast ? 'down' : 'up',
        observed: n(e.yhat),
        expected: n(e.target),
        score: whole ? 1 : 0.85,
      };
    }
    default:
      return null;
  }
}
