import type { ForecastList } from '@kpilens/contract';
import { FieldType } from '@grafana/data';
import { forecastFrames } from './forecast';

const DAY = 86_400_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const list: ForecastList = {
  forecasts: [
    {
      series: { id: 4, model: 'revenue', metric: 'mrr', dimensions: { plan: 'pro' } },
      method: 'holt-winters',
      level: 0.8,
      generatedAt: new Date(t0).toISOString(),
      points: Array.from({ length: 40 }, (_, i) => ({
        time: new Date(t0 + (i + 1) * DAY).toISOString(),
        yhat: 100 + i,
        lower: 90 + i,
        upper: 110 + i,
      })),
      target: { value: 150, projectedToMiss: true, missAt: null },
    },
  ],
};

describe('forecastFrames', () => {
  it('shapes the forecast with its prediction interval up to the horizon', () => {
    const [frame] = forecastFrames(list, 'F', new Map(), { interval: true, horizonDays: 30 });
    expect(frame.length).toBe(30);
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', FieldType.time],
      ['forecast', FieldType.number],
      ['lower', FieldType.number],
      ['upper', FieldType.number],
    ]);
    expect(frame.fields[0].values[0]).toBe(t0 + DAY);
    expect(frame.fields[2].config.displayNameFromDS).toBe('mrr {plan=pro} lower 80%');
    expect(frame.fields[3].config.custom.fillBelowTo).toBe('mrr {plan=pro} lower 80%');
    expect(frame.meta?.custom).toMatchObject({ seriesId: 4, method: 'holt-winters', level: 0.8 });
  });

  it('leaves the interval out when not asked, and shows every point without a horizon', () => {
    const [frame] = forecastFrames(list, 'F', new Map(), { interval: false });
    expect(frame.fields.map((f) => f.name)).toEqual(['Time', 'forecast']);
    expect(frame.length).toBe(40);
  });

  it('keeps the days overlapping the time range, and says when series were left out', () => {
    const range = { from: t0 + 5 * DAY + 3_600_000, to: t0 + 10 * DAY };
    const [frame] = forecastFrames({ ...list, truncated: true }, 'F', new Map(), { interval: true, range });
    // Day 5 (from midnight) overlaps the range's start; day 10 starts at its end.
    expect(frame.fields[0].values).toEqual([5, 6, 7, 8, 9, 10].map((d) => t0 + d * DAY));
    expect(frame.meta?.notices?.[0].text).toContain('narrow the filters');
    expect(forecastFrames(list, 'F', new Map(), { interval: true })[0].meta?.notices).toBeUndefined();
  });
});
