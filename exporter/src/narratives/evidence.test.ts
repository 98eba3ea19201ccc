import type { Insight } from '@kpilens/contract';
import { evidenceFigures } from './evidence';

// Evidence as each insight type stores it (the anomaly's has no `kind`; the others name their type).
const of = (type: Insight['type'], evidence: Record<string, unknown>) =>
  evidenceFigures({ type, evidence: evidence as unknown as Insight['evidence'] });

describe('evidenceFigures', () => {
  it('reads an anomaly as observed against expected with its score', () => {
    expect(
      of('anomaly', {
        direction: 'down',
        score: 0.93,
        observed: 1,
        expected: 2,
        lower: 1.5,
        upper: 2.5,
        deviation: -5,
        peakAt: '2026-03-02T10:00:00Z',
      }),
    ).toEqual({ direction: 'down', observed: 1, expected: 2, score: 0.93 });
  });

  it('reads a peer outlier against the level it would have moving like its peers', () => {
    const e = of('peer_outlier', {
      kind: 'peer_outlier',
      direction: 'up',
      peerDimension: 'platform',
      value: 1.5,
      peerMedian: 1.1,
      recentLevel: 45,
      baselineLevel: 30,
      peers: 4,
      deviation: 3,
      score: 0.9,
      from: 'x',
      to: 'y',
    });
    expect(e).toEqual({ direction: 'up', observed: 45, expected: 33, score: 0.9 });
    const noScore = of('peer_outlier', {
      kind: 'peer_outlier',
      direction: 'up',
      value: 45,
      peerMedian: 30,
      deviation: 3,
    });
    expect(noScore).toMatchObject({ observed: 45, expected: 30 });
    expect(noScore!.score).toBeCloseTo(0.989, 3);
  });

  it('reads a trend change as after against before, sure as 1 - p', () => {
    expect(
      of('trend_change', {
        kind: 'trend_change',
        change: 'level_shift',
        direction: 'down',
        before: 3,
        after: 2,
        relativeChange: -1 / 3,
        pValue: 0.01,
      }),
    ).toEqual({ direction: 'down', observed: 2, expected: 3, score: 0.99 });
  });

  it('reads a target risk as the forecast against the target, surer when the whole interval misses', () => {
    const base = {
      kind: 'target_risk',
      target: 100,
      comparison: 'at_least',
      horizonDays: 30,
      missAt: 'x',
      yhat: 90,
    };
    expect(of('target_risk', { ...base, lower: 80, upper: 95 })).toEqual({
      direction: 'down',
      observed: 90,
      expected: 100,
      score: 1,
    });
    expect(of('target_risk', { ...base, lower: 80, upper: 105 })!.score).toBe(0.85);
    expect(
      of('target_risk', { ...base, comparison: 'at_most', yhat: 110, lower: 105, upper: 120 })!.direction,
    ).toBe('up');
  });

  it('has no figures for a learning', () => {
    expect(of('learning', { kind: 'learning', lagDays: 3 })).toBeNull();
  });
});
