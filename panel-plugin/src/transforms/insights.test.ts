import { createDataFrame, FieldType } from '@grafana/data';
import {
  insightsFromFrames,
  relativeDeviation,
  selectInsights,
  sparklinePoints,
  sparklinesBySeries,
  type InsightView,
} from './insights';

const frame = createDataFrame({
  name: 'insights',
  fields: [
    { name: 'time', type: FieldType.time, values: [1000, 3000, 2000] },
    { name: 'timeEnd', type: FieldType.time, values: [1500, null, 2500] },
    { name: 'severity', type: FieldType.string, values: ['warning', 'critical', 'bogus'] },
    { name: 'title', type: FieldType.string, values: ['CTR down', 'Revenue down', 'Orders up'] },
    { name: 'text', type: FieldType.string, values: ['a', 'b', 'c'] },
    { name: 'status', type: FieldType.string, values: ['open', 'updated', 'resolved'] },
    { name: 'model', type: FieldType.string, values: ['ads', 'sales', 'sales'] },
    { name: 'metric', type: FieldType.string, values: ['ctr', 'revenue', 'orders'] },
    { name: 'dimensions', type: FieldType.string, values: ['platform="tiktok"', '', ''] },
    { name: 'observed', type: FieldType.number, values: [0.5, 80, 12] },
    { name: 'expected', type: FieldType.number, values: [1, 100, 0] },
    { name: 'score', type: FieldType.number, values: [0.9, 0.99, 0.7] },
    { name: 'id', type: FieldType.number, values: [1, 2, 3] },
    { name: 'seriesId', type: FieldType.number, values: [10, 20, 30] },
  ],
});

describe('insightsFromFrames', () => {
  it('reads each row of the insights frame, unknown severities as info', () => {
    const views = insightsFromFrames([frame]);
    expect(views).toHaveLength(3);
    expect(views[0]).toEqual({
      id: 1,
      severity: 'warning',
      status: 'open',
      model: 'ads',
      title: 'CTR down',
      message: 'a',
      metric: 'ctr',
      dimensions: 'platform="tiktok"',
      observed: 0.5,
      expected: 1,
      score: 0.9,
      startedAt: 1000,
      endedAt: 1500,
      seriesId: 10,
    });
    expect(views[2].severity).toBe('info');
    expect(views[1].endedAt).toBeNull();
  });

  it('ignores frames of other kinds', () => {
    const other = createDataFrame({ fields: [{ name: 'Value', type: FieldType.number, values: [1] }] });
    expect(insightsFromFrames([other])).toEqual([]);
  });
});

describe('selectInsights', () => {
  const views = insightsFromFrames([frame]);
  const base = { severities: [], includeResolved: true, sortBy: 'newest' as const, limit: 10 };

  it('orders newest first or by severity', () => {
    expect(selectInsights(views, base).map((i) => i.id)).toEqual([2, 3, 1]);
    expect(selectInsights(views, { ...base, sortBy: 'severity' }).map((i) => i.id)).toEqual([2, 1, 3]);
  });

  it('filters by severity and resolution and keeps at most the limit', () => {
    expect(selectInsights(views, { ...base, severities: ['warning'] }).map((i) => i.id)).toEqual([1]);
    expect(selectInsights(views, { ...base, includeResolved: false }).map((i) => i.id)).toEqual([2, 1]);
    expect(selectInsights(views, { ...base, limit: 1 }).map((i) => i.id)).toEqual([2]);
    expect(views.map((i) => i.id)).toEqual([1, 2, 3]);
  });
});

describe('relativeDeviation', () => {
  it('is observed against expected, none for an expected of zero or missing', () => {
    expect(relativeDeviation({ observed: 80, expected: 100 })).toBeCloseTo(-0.2);
    expect(relativeDeviation({ observed: 1, expected: 0 })).toBeNull();
    expect(
      relativeDeviation({ observed: null, expected: 2 } as Pick<InsightView, 'observed' | 'expected'>),
    ).toBeNull();
  });
});

describe('sparklines', () => {
  it('takes recent values of frames that name their series, observed first', () => {
    const band = createDataFrame({
      meta: { custom: { seriesId: 20 } },
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2, 3] },
        { name: 'expected', type: FieldType.number, values: [5, 5, 5] },
        { name: 'observed', type: FieldType.number, values: [4, null, 6] },
      ],
    });
    const lines = sparklinesBySeries([band, frame]);
    expect([...lines.entries()]).toEqual([[20, [4, 6]]]);
  });

  it('draws values from bottom (smallest) to top (largest)', () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe('0.0,20.0 50.0,10.0 100.0,0.0');
    expect(sparklinePoints([3, 3], 10, 10)).toBe('0.0,10.0 10.0,10.0');
  });
});
