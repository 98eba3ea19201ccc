import { createDataFrame, FieldType } from '@grafana/data';
import { factorScale, riskFromFrames, selectRisk } from './risk';

const factor = (feature: string, contribution: number) => ({
  feature,
  value: 1,
  contribution,
  direction: contribution < 0 ? ('lowers' as const) : ('raises' as const),
  message: `${feature} message`,
});

const frame = createDataFrame({
  name: 'risk scores',
  fields: [
    { name: 'accountId', type: FieldType.string, values: ['acc-1', 'acc-2', 'acc-3'] },
    { name: 'accountName', type: FieldType.string, values: ['Zeta', 'Alpha', ''] },
    { name: 'probability', type: FieldType.number, values: [0.9, 0.2, null] },
    { name: 'level', type: FieldType.string, values: ['EXCELLENT', 'CRITICAL', 'UNKNOWN'] },
    { name: 'badge', type: FieldType.string, values: ['A', 'E', '?'] },
    { name: 'color', type: FieldType.string, values: ['#0a0', '#a00', '#888'] },
    { name: 'expectedPaymentDate', type: FieldType.time, values: [1000, 5000, null] },
    { name: 'confidence', type: FieldType.number, values: [0.8, 0.6, 0] },
    {
      name: 'factors',
      type: FieldType.other,
      values: [[factor('late_ratio', 0.5)], [factor('late_ratio', -2), factor('days_late', -1)], []],
    },
    { name: 'scoredAt', type: FieldType.time, values: [1, 2, 3] },
    { name: 'modelVersion', type: FieldType.string, values: ['v1', 'v1', 'v1'] },
  ],
});

describe('riskFromFrames', () => {
  it('reads each scored account with its factors', () => {
    const rows = riskFromFrames([frame]);
    expect(rows.map((r) => [r.accountId, r.level, r.probability, r.factors.length])).toEqual([
      ['acc-1', 'EXCELLENT', 0.9, 1],
      ['acc-2', 'CRITICAL', 0.2, 2],
      ['acc-3', 'UNKNOWN', null, 0],
    ]);
    expect(rows[1].expectedPaymentDate).toBe(5000);
  });

  it('accepts factors sent as JSON text and keeps three at most', () => {
    const text = createDataFrame({
      name: 'risk scores',
      fields: [
        { name: 'accountId', type: FieldType.string, values: ['a'] },
        { name: 'level', type: FieldType.string, values: ['GOOD'] },
        { name: 'probability', type: FieldType.number, values: [0.7] },
        {
          name: 'factors',
          type: FieldType.string,
          values: [JSON.stringify([1, 2, 3, 4].map((n) => factor(`f${n}`, n)))],
        },
      ],
    });
    expect(riskFromFrames([text])[0].factors.map((f) => f.feature)).toEqual(['f1', 'f2', 'f3']);
  });
});

describe('selectRisk', () => {
  const rows = riskFromFrames([frame]);
  const base = { levels: [], search: '', sortBy: 'risk' as const, limit: 10 };

  it('puts the riskiest first and unscored accounts last', () => {
    expect(selectRisk(rows, base).map((r) => r.accountId)).toEqual(['acc-2', 'acc-1', 'acc-3']);
  });

  it('sorts by expected payment date (latest first) or by name', () => {
    expect(selectRisk(rows, { ...base, sortBy: 'expectedPayment' }).map((r) => r.accountId)).toEqual([
      'acc-2',
      'acc-1',
      'acc-3',
    ]);
    expect(selectRisk(rows, { ...base, sortBy: 'name' }).map((r) => r.accountId)).toEqual([
      'acc-3',
      'acc-2',
      'acc-1',
    ]);
  });

  it('filters by level and by id or name, and keeps at most the limit', () => {
    expect(selectRisk(rows, { ...base, levels: ['CRITICAL'] }).map((r) => r.accountId)).toEqual(['acc-2']);
    expect(selectRisk(rows, { ...base, search: 'zet' }).map((r) => r.accountId)).toEqual(['acc-1']);
    expect(selectRisk(rows, { ...base, limit: 1 })).toHaveLength(1);
  });

  it('scales factor bars to the largest contribution on the board', () => {
    expect(factorScale(rows)).toBe(2);
    expect(factorScale([])).toBe(1);
  });
});
