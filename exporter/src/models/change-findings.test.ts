import type { KpiDefinition } from '@kpilens/contract';
import { dailyShape, gaussian } from '../analysis/synthetic';
import { dailyMeans, levelShiftFinding, peerFindings, periodFindings, trendFinding } from './change-findings';
import type { KpiSeries } from './kpi-model';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.UTC(2026, 2, 2, 0, 30); // a Monday, half past midnight
const DAYS = 91;
const ctr: KpiDefinition = {
  metric: 'ctr',
  description: 'Click-through rate',
  goodDirection: 'up',
  peerDimension: 'platform',
};

/** 91 days of hourly values with a daily shape and 5 % noise; `factor(day)` scales each day (0 = first). */
function series(
  id: number,
  seed: number,
  factor: (day: number) => number = () => 1,
  platform = 'p',
): KpiSeries {
  const g = gaussian(seed);
  const start = Math.floor(NOW / D) * D - DAYS * D;
  const hours: Array<[number, number]> = [];
  for (let h = 0; h < DAYS * 24; h++)
    hours.push([start + h * H, 100 * dailyShape(h % 24) * factor(Math.floor(h / 24)) * (1 + 0.05 * g())]);
  return { id, model: 'marketing', metric: 'ctr', dimensions: { platform }, hours };
}

describe('change findings', () => {
  it('averages complete UTC days and marks a day without data', () => {
    const d = dailyMeans(
      [
        [Date.UTC(2026, 0, 1, 3), 2],
        [Date.UTC(2026, 0, 1, 9), 4],
        [Date.UTC(2026, 0, 3, 0), 7],
        [Date.UTC(2026, 0, 4, 0), 100], // the current day: not complete, not used
      ],
      Date.UTC(2026, 0, 4, 5),
      3,
    );
    expect(d.times).toEqual([Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 3)]);
    expect(d.values).toEqual([3, NaN, 7]);
  });

  it('reports a material trend of the last eight weeks, and neither noise nor a slow drift', () => {
    const falling = trendFinding(
      ctr,
      series(1, 1, (d) => 1 - 0.01 * Math.max(0, d - 35)),
      NOW,
    );
    expect(falling).toMatchObject({
      type: 'trend_change',
      key: 'trend_change:1:trend:down',
      severity: 'critical',
      evidence: { change: 'trend', direction: 'down' },
    });
    expect(trendFinding(ctr, series(2, 2), NOW)).toBeNull();
    // +0.1 % a day (the demo's growth) is significant over weeks but not news.
    expect(
      trendFinding(
        ctr,
        series(3, 3, (d) => 1 + 0.001 * d),
        NOW,
      ),
    ).toBeNull();
  });

  it('reports a recent level shift while it holds, not an old one', () => {
    const recent = levelShiftFinding(
      ctr,
      series(4, 4, (d) => (d >= DAYS - 12 ? 0.7 : 1)),
      NOW,
    );
    expect(recent).toMatchObject({
      key: 'trend_change:4:level_shift:down',
      evidence: { change: 'level_shift' },
    });
    const at = Date.parse((recent!.evidence as { changedAt: string }).changedAt);
    expect(Math.abs(at - (Math.floor(NOW / D) - 12) * D)).toBeLessThanOrEqual(D);
    expect(
      levelShiftFinding(
        ctr,
        series(5, 5, (d) => (d >= DAYS - 45 ? 0.7 : 1)),
        NOW,
      ),
    ).toBeNull();
    expect(levelShiftFinding(ctr, series(6, 6), NOW)).toBeNull();
  });

  it('compares the last week and 4 weeks with the ones before: significant over all the tests, and material', () => {
    const up = series(7, 7, (d) => (d >= DAYS - 7 ? 1.3 : 1));
    const calm = Array.from({ length: 20 }, (_, i) => series(100 + i, 100 + i));
    const found = periodFindings(
      [up, ...calm].map((s) => ({ kpi: ctr, series: s })),
      NOW,
    );
    // The 4 weeks over the 4 before: +7.5 %, not material.
    expect(found.map((f) => f.key)).toEqual(['trend_change:7:period_week:up']);
    expect(found[0]).toMatchObject({ severity: 'info', evidence: { change: 'period', direction: 'up' } });
  });

  it('finds the platform that departs from its peers, and none when all move together', () => {
    const drop = (d: number) => (d >= DAYS - 7 ? 0.6 : 1);
    const group = [
      series(11, 11, drop, 'meta'),
      series(12, 12, undefined, 'google'),
      series(13, 13, undefined, 'tiktok'),
      series(14, 14, undefined, 'linkedin'),
    ];
    const found = peerFindings(ctr, group, NOW);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      type: 'peer_outlier',
      key: 'peer_outlier:11:down',
      seriesId: 11,
      evidence: { peerDimension: 'platform', direction: 'down', peers: 4 },
    });
    const all = group.map((s, i) => series(s.id, 20 + i, drop, s.dimensions.platform));
    expect(peerFindings(ctr, all, NOW)).toEqual([]);
    expect(peerFindings({ ...ctr, peerDimension: undefined }, group, NOW)).toEqual([]);
  });
});
