import type { PointsResult, RiskScoreList } from '@kpilens/contract';
import { FieldType } from '@grafana/data';
import { riskDistributionFrame, riskScoresFrame } from './risk';

describe('riskScoresFrame', () => {
  it('lists account, probability, level, badge, payment date, confidence and factors', () => {
    const list: RiskScoreList = {
      total: 1,
      limit: 100,
      offset: 0,
      scores: [
        {
          accountId: 'acc-1',
          accountName: 'Acme',
          modelVersion: 'v1',
          scoredAt: '2026-03-01T00:00:00.000Z',
          probability: 0.42,
          level: 'RISKY',
          badge: 'Risky',
          color: '#FF9830',
          confidence: 0.8,
          expectedPaymentDate: '2026-03-20T00:00:00.000Z',
          factors: [
            {
              feature: 'late_ratio',
              value: 0.6,
              contribution: -0.5,
              direction: 'raises',
              message: 'Often late',
            },
            {
              feature: 'tenure',
              value: 400,
              contribution: 0.2,
              direction: 'lowers',
              message: 'Long-standing',
            },
          ],
        },
      ],
    };
    const frame = riskScoresFrame(list, 'R');
    const field = (name: string) => frame.fields.find((f) => f.name === name)!;
    expect(field('accountId').config.links).toEqual([
      { title: 'Open in the risk explorer', url: '/a/kpilens-app/risk?account=${__value.raw}' },
    ]);
    expect(field('probability').config.unit).toBe('percentunit');
    expect(field('expectedPaymentDate').type).toBe(FieldType.time);
    expect(field('expectedPaymentDate').values).toEqual([Date.parse('2026-03-20T00:00:00Z')]);
    expect(field('topFactors').values).toEqual(['Often late; Long-standing']);
    expect(field('factors').values[0]).toHaveLength(2);
    expect(field('level').values).toEqual(['RISKY']);
    expect(field('badge').values).toEqual(['Risky']);
    expect(frame.meta?.custom).toEqual({ total: 1 });
  });
});

describe('riskDistributionFrame', () => {
  it('aligns the level series on one time axis in risk order, coloured by level', () => {
    const result: PointsResult = {
      from: '',
      to: '',
      intervalMs: 3_600_000,
      aggregation: 'last',
      source: 'rollup_1h',
      truncated: false,
      series: [
        {
          id: 2,
          model: 'payment_risk',
          metric: 'accounts',
          dimensions: { risk_level: 'CRITICAL' },
          points: [[2, 1]],
        },
        {
          id: 1,
          model: 'payment_risk',
          metric: 'accounts',
          dimensions: { risk_level: 'EXCELLENT' },
          points: [
            [1, 10],
            [2, 9],
          ],
        },
      ],
    };
    const frame = riskDistributionFrame(result, 'D', 'none');
    expect(frame.fields.map((f) => f.name)).toEqual(['Time', 'EXCELLENT', 'CRITICAL']);
    expect(frame.fields[0].values).toEqual([1, 2]);
    expect(frame.fields[1].values).toEqual([10, 9]);
    expect(frame.fields[2].values).toEqual([null, 1]);
    expect(frame.fields[2].config.color).toEqual({ mode: 'fixed', fixedColor: 'red' });
    expect(frame.fields[1].config.custom.stacking).toEqual({ mode: 'normal', group: 'risk' });
  });
});
