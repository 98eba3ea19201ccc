import type { PointsResult } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { seriesDisplayName, type KpiInfo } from './units';

/** One time series frame per exporter series: dimensions as labels, the KPI's unit and a legend name. */
export function pointsFrames(
  result: PointsResult,
  refId: string,
  kpis: ReadonlyMap<string, KpiInfo>,
): DataFrame[] {
  return result.series.map((series) => {
    const info = kpis.get(`${series.model}.${series.metric}`);
    return createDataFrame({
      refId,
      name: `${series.model}.${series.metric}`,
      meta: {
        custom: { seriesId: series.id, source: result.source, aggregation: result.aggregation },
        ...(result.truncated
          ? {
              notices: [
                { severity: 'warning', text: 'More series matched than the limit: narrow the filters' },
              ],
            }
          : {}),
      },
      fields: [
        { name: 'Time', type: FieldType.time, values: series.points.map(([t]) => t) },
        {
          name: series.metric,
          type: FieldType.number,
          values: series.points.map(([, v]) => v),
          labels: series.dimensions,
          config: {
            displayNameFromDS: seriesDisplayName(series.metric, series.dimensions),
            unit: info?.unit,
            description: info?.description,
            interval: result.intervalMs,
          },
        },
      ],
    });
  });
}
