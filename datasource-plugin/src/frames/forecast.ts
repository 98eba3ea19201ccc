import type { Forecast, ForecastList } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { seriesDisplayName, type KpiInfo } from './units';

const DAY_MS = 86_400_000;

/** Per forecast: the predicted value and, when asked, its prediction interval, up to the horizon. */
export function forecastFrames(
  list: ForecastList,
  refId: string,
  kpis: ReadonlyMap<string, KpiInfo>,
  opts: { interval: boolean; horizonDays?: number; range?: { from: number; to: number } },
): DataFrame[] {
  return list.forecasts.map((f: Forecast, i) => {
    const info = kpis.get(`${f.series.model}.${f.series.metric}`);
    const name = seriesDisplayName(f.series.metric, f.series.dimensions);
    const until = opts.horizonDays ? Date.parse(f.generatedAt) + opts.horizonDays * DAY_MS : Infinity;
    // Daily points: a day overlapping the time range is kept.
    const from = opts.range ? opts.range.from - DAY_MS : -Infinity;
    const to = opts.range?.to ?? Infinity;
    const points = f.points.filter((p) => {
      const t = Date.parse(p.time);
      return t <= until && t > from && t <= to;
    });
    const level = Math.round(f.level * 100);
    const base = { unit: info?.unit };
    const fields: Parameters<typeof createDataFrame>[0]['fields'] = [
      { name: 'Time', type: FieldType.time, values: points.map((p) => Date.parse(p.time)) },
      {
        name: 'forecast',
        type: FieldType.number,
        values: points.map((p) => p.yhat),
        labels: f.series.dimensions,
        config: {
          ...base,
          displayNameFromDS: `${name} forecast`,
          description: `${f.method}, generated ${f.generatedAt}`,
          custom: { lineStyle: { fill: 'dash', dash: [10, 10] } },
        },
      },
    ];
    if (opts.interval) {
      fields.push(
        {
          name: 'lower',
          type: FieldType.number,
          values: points.map((p) => p.lower),
          labels: f.series.dimensions,
          config: { ...base, displayNameFromDS: `${name} lower ${level}%`, custom: { lineWidth: 0 } },
        },
        {
          name: 'upper',
          type: FieldType.number,
          values: points.map((p) => p.upper),
          labels: f.series.dimensions,
          config: {
            ...base,
            displayNameFromDS: `${name} upper ${level}%`,
            custom: { lineWidth: 0, fillOpacity: 15, fillBelowTo: `${name} lower ${level}%` },
          },
        },
      );
    }
    return createDataFrame({
      refId,
      name: `${f.series.model}.${f.series.metric}`,
      meta: {
        custom: { seriesId: f.series.id, method: f.method, level: f.level, target: f.target ?? null },
        ...(list.truncated && i === 0
          ? {
              notices: [
                { severity: 'warning', text: 'More series matched than the limit: narrow the filters' },
              ],
            }
          : {}),
      },
      fields,
    });
  });
}
