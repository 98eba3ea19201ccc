import {
  AnomalyBandQuery,
  ForecastQuery,
  InsightQuery,
  PointsQuery,
  RiskScoreQuery,
} from '@kpilens/contract';
import { Value } from '@sinclair/typebox/value';
import { dateTime, type TimeRange } from '@grafana/data';
import { buildRequests, intervalOf, isRunnable } from './requests';

const from = dateTime('2026-03-01T00:00:00Z');
const to = dateTime('2026-03-02T00:00:00Z');
const range: TimeRange = { from, to, raw: { from: 'now-1d', to: 'now' } };
const ctx = { range, intervalMs: 60_000.4, maxDataPoints: 800 };

describe('isRunnable', () => {
  it('needs a model and a metric for KPI queries, nothing for the others', () => {
    expect(isRunnable({ refId: 'A', model: 'marketing', metric: 'ctr' })).toBe(true);
    expect(isRunnable({ refId: 'A', model: 'marketing' })).toBe(false);
    expect(isRunnable({ refId: 'A', queryType: 'anomalyBand', model: ' ', metric: 'ctr' })).toBe(false);
    expect(isRunnable({ refId: 'A', model: 'marketing', metric: 'ctr', hide: true })).toBe(false);
    expect(isRunnable({ refId: 'A', queryType: 'insights' })).toBe(true);
    expect(isRunnable({ refId: 'A', queryType: 'briefing' })).toBe(true);
  });
});

describe('buildRequests', () => {
  it('asks /query over the time range, one request per combination of dimension values', () => {
    const reqs = buildRequests(
      {
        refId: 'A',
        model: ' sales ',
        metric: 'revenue',
        aggregation: 'p95',
        dimensions: [{ key: 'region', value: 'eu\u001fus' }],
        limit: 5,
      },
      ctx,
    );
    expect(reqs).toEqual([
      {
        path: '/query',
        params: {
          model: 'sales',
          metric: 'revenue',
          aggregation: 'p95',
          from: String(from.valueOf()),
          to: String(to.valueOf()),
          intervalMs: 60_000,
          maxDataPoints: 800,
          limit: 5,
          'dim.region': 'eu',
        },
      },
      expect.objectContaining({ params: expect.objectContaining({ 'dim.region': 'us' }) }),
    ]);
    for (const r of reqs) {
      expect(Value.Check(PointsQuery, r.params)).toBe(true);
    }
  });

  it('uses the query interval over the panel one, never under one second', () => {
    expect(intervalOf({ refId: 'A', interval: '1h' }, ctx)).toBe(3_600_000);
    expect(intervalOf({ refId: 'A' }, { range, intervalMs: 20 })).toBe(1000);
    expect(() => intervalOf({ refId: 'A', interval: 'hourly' }, ctx)).toThrow('not a duration such as');
  });

  it('builds anomaly band, insights and risk requests the exporter contract accepts', () => {
    const [band] = buildRequests(
      { refId: 'A', queryType: 'anomalyBand', model: 'm', metric: 'x', limit: 99 },
      ctx,
    );
    expect(band.path).toBe('/anomaly-band');
    expect(band.params.limit).toBe(50);
    expect(Value.Check(AnomalyBandQuery, band.params)).toBe(true);

    const [one] = buildRequests(
      {
        refId: 'A',
        queryType: 'insights',
        model: 'marketing',
        severities: ['critical'],
        insightStatus: 'active',
      },
      ctx,
    );
    expect(one).toEqual({
      path: '/insights',
      params: expect.objectContaining({
        model: 'marketing',
        severity: 'critical',
        status: 'active',
        limit: 1000,
      }),
    });
    expect(Value.Check(InsightQuery, one.params)).toBe(true);
    // Several severities are filtered in the frame, not by the exporter (which takes one).
    const [several] = buildRequests(
      { refId: 'A', queryType: 'insights', severities: ['info', 'warning'] },
      ctx,
    );
    expect(several.params).not.toHaveProperty('severity');

    const [risk] = buildRequests(
      { refId: 'A', queryType: 'riskScores', riskLevels: ['RISKY', 'CRITICAL', 'RISKY', 'bogus' as never] },
      ctx,
    );
    expect(risk).toEqual({ path: '/risk/scores', params: { level: 'RISKY,CRITICAL', limit: 1000 } });
    expect(Value.Check(RiskScoreQuery, risk.params)).toBe(true);

    const [dist] = buildRequests(
      { refId: 'A', queryType: 'riskDistribution', riskMeasure: 'revenue_at_risk' },
      ctx,
    );
    expect(dist.params).toMatchObject({
      model: 'payment_risk',
      metric: 'revenue_at_risk',
      aggregation: 'last',
    });
    expect(Value.Check(PointsQuery, dist.params)).toBe(true);
  });

  it('asks for forecasts, recommendations, learnings and the briefing', () => {
    expect(
      buildRequests(
        {
          refId: 'A',
          queryType: 'forecast',
          model: 'm',
          metric: 'x',
          dimensions: [{ key: 'a', value: '1' }],
        },
        ctx,
      ),
    ).toEqual([{ path: '/forecasts', params: { model: 'm', metric: 'x', horizon: 30, 'dim.a': '1' } }]);
    const [week] = buildRequests(
      { refId: 'A', queryType: 'forecast', model: 'm', metric: 'x', horizonDays: 7 },
      ctx,
    );
    expect(Value.Check(ForecastQuery, week.params)).toBe(true);
    expect(week.params.horizon).toBe(7);
    const [limited] = buildRequests(
      { refId: 'A', queryType: 'forecast', model: 'm', metric: 'x', limit: 9000 },
      ctx,
    );
    expect(limited.params.limit).toBe(500);
    expect(Value.Check(ForecastQuery, limited.params)).toBe(true);
    expect(
      buildRequests({ refId: 'A', queryType: 'recommendations', recommendationStatus: 'pending' }, ctx),
    ).toEqual([{ path: '/recommendations', params: { status: 'pending', limit: 1000 } }]);
    expect(buildRequests({ refId: 'A', queryType: 'learnings', model: 'revenue' }, ctx)).toEqual([
      { path: '/learnings', params: { model: 'revenue', limit: 1000 } },
    ]);
    expect(buildRequests({ refId: 'A', queryType: 'briefing' }, ctx)).toEqual([
      { path: '/briefing', params: { lang: 'en' } },
    ]);
  });
});
