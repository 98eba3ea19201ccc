import { riskKpiPoints } from './risk-summary';

describe('risk KPI points', () => {
  it('gives accounts and revenue for every level at the start of the hour, 0 for empty levels', () => {
    const at = Date.parse('2026-05-01T10:42:00Z');
    const points = riskKpiPoints([{ orgId: 1, org: 'a', level: 'RISKY', accounts: 4, revenue: 1200.5 }], at);
    expect(points).toHaveLength(12);
    expect(new Set(points.map((p) => p.ts))).toEqual(new Set([Date.parse('2026-05-01T10:00:00Z')]));
    const value = (metric: string, level: string) =>
      points.find((p) => p.metric === metric && p.dimensions.risk_level === level)?.value;
    expect(value('accounts', 'RISKY')).toBe(4);
    expect(value('revenue_at_risk', 'RISKY')).toBe(1200.5);
    expect(value('accounts', 'EXCELLENT')).toBe(0);
    expect(points.every((p) => p.model === 'payment_risk')).toBe(true);
  });
});
