import { benchSeries, detectorCost, runAnalysisBenchmark } from './analysis';

describe('analysis benchmark', () => {
  it('generates the same hourly series for a seed, with five peers per metric and campaign', () => {
    const now = Date.UTC(2026, 10, 20);
    const a = benchSeries('a', 100, 10, now, 1);
    expect(a).toHaveLength(100);
    expect(a[0].hours).toHaveLength(240);
    expect(a[0].hours[239][0]).toBe(now - 3_600_000);
    expect(benchSeries('a', 100, 10, now, 1)).toEqual(a);
    const peers = a.filter((s) => s.metric === 'kpi_3' && s.dimensions.campaign === 'c1');
    expect(peers.map((s) => s.dimensions.platform).sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(new Set(a.map((s) => JSON.stringify([s.metric, s.dimensions]))).size).toBe(100);
  });

  it('times the full analysis against the anomaly-only pass, and the detector against a z-score', () => {
    const res = runAnalysisBenchmark({ series: 40, days: 35 });
    expect(res.points).toBe(40 * 35 * 24);
    expect(res.rows.map((r) => r.baselineName)).toEqual([
      'anomaly-only pass',
      'anomaly-only pass',
      'rolling z-score (168 points)',
    ]);
    for (const r of res.rows) expect(r.value).toBeGreaterThan(0);
    // The full pass includes the anomaly pass: it finds at least the same and forecasts every series.
    expect(res.findings.full).toBeGreaterThanOrEqual(res.findings.anomalyOnly);
    expect(res.findings.forecasts).toBe(40);
    const cost = detectorCost(benchSeries('a', 3, 10, Date.UTC(2026, 10, 20)));
    expect(cost.detectorNs).toBeGreaterThan(cost.baselineNs);
  });
});
