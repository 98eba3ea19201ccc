import type { PointsResult } from '@kpilens/contract';
import { FieldType } from '@grafana/data';
import { pointsFrames } from './series';
import { grafanaUnit, kpiInfoByName, seriesDisplayName } from './units';

const result: PointsResult = {
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-02T00:00:00.000Z',
  intervalMs: 3_600_000,
  aggregation: 'avg',
  source: 'rollup_1h',
  truncated: false,
  series: [
    {
      id: 7,
      model: 'marketing',
      metric: 'ctr',
      dimensions: { platform: 'instagram' },
      points: [
        [1, 0.5],
        [2, 0.25],
      ],
    },
    { id: 8, model: 'marketing', metric: 'ctr', dimensions: {}, points: [] },
  ],
};
const kpis = kpiInfoByName({
  models: [
    {
      name: 'marketing',
      origin: 'built_in',
      description: '',
      lastRun: null,
      kpis: [{ metric: 'ctr', description: 'Click-through rate', unit: '%' }],
    },
  ],
});

describe('pointsFrames', () => {
  it('makes one time series frame per exporter series, with labels, unit and legend', () => {
    const [first, second] = pointsFrames(result, 'B', kpis);
    expect(first.refId).toBe('B');
    expect(first.length).toBe(2);
    expect(first.fields.map((f) => f.type)).toEqual([FieldType.time, FieldType.number]);
    expect(first.fields[0].values).toEqual([1, 2]);
    expect(first.fields[1].values).toEqual([0.5, 0.25]);
    expect(first.fields[1].labels).toEqual({ platform: 'instagram' });
    expect(first.fields[1].config).toMatchObject({
      displayNameFromDS: 'ctr {platform=instagram}',
      unit: 'percent',
      description: 'Click-through rate',
      interval: 3_600_000,
    });
    expect(first.meta?.custom).toEqual({ seriesId: 7, source: 'rollup_1h', aggregation: 'avg' });
    expect(first.meta?.notices).toBeUndefined();
    expect(second.length).toBe(0);
    expect(second.fields[1].config.displayNameFromDS).toBe('ctr');
  });

  it('warns when the exporter returned fewer series than matched', () => {
    const [frame] = pointsFrames({ ...result, truncated: true }, 'A', new Map());
    expect(frame.meta?.notices?.[0].text).toContain('narrow the filters');
    expect(frame.fields[1].config.unit).toBeUndefined();
  });
});

describe('units', () => {
  it('maps KPI units to Grafana units', () => {
    expect(grafanaUnit('%')).toBe('percent');
    expect(grafanaUnit('EUR')).toBe('currencyEUR');
    expect(grafanaUnit('widgets')).toBe('suffix: widgets');
    expect(grafanaUnit(undefined)).toBeUndefined();
    expect(seriesDisplayName('cpc', { a: '1', b: '2' })).toBe('cpc {a=1, b=2}');
  });
});
