import type { PointsQuery, PointsResult } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame, type TimeRange } from '@grafana/data';
import type { KpiQuery } from './types';

/** The plugin.json route through which Grafana's server proxies to the exporter, adding the API key. */
export const EXPORTER_ROUTE = 'exporter';

// The exporter's buckets are at least one second wide.
const MIN_INTERVAL_MS = 1000;

export function isRunnable(query: KpiQuery): boolean {
  return !query.hide && Boolean(query.model?.trim()) && Boolean(query.metric?.trim());
}

/** Query string of the exporter's GET /query for one panel query over the dashboard's time range. */
export function pointsQueryParams(
  query: KpiQuery,
  range: TimeRange,
  intervalMs: number,
  maxDataPoints: number | undefined,
): PointsQuery {
  const params: PointsQuery = {
    model: query.model!.trim(),
    metric: query.metric!.trim(),
    from: String(range.from.valueOf()),
    to: String(range.to.valueOf()),
    aggregation: query.aggregation ?? 'avg',
    intervalMs: Math.max(MIN_INTERVAL_MS, Math.round(intervalMs)),
  };
  if (maxDataPoints !== undefined && maxDataPoints > 0) {
    params.maxDataPoints = Math.round(maxDataPoints);
  }
  return params;
}

/** One time series frame per exporter series, its dimensions as labels so legends tell them apart. */
export function pointsResultToFrames(result: PointsResult, refId: string): DataFrame[] {
  return result.series.map((series) =>
    createDataFrame({
      refId,
      name: `${series.model}.${series.metric}`,
      meta: { custom: { seriesId: series.id, source: result.source, aggregation: result.aggregation } },
      fields: [
        { name: 'Time', type: FieldType.time, values: series.points.map(([t]) => t) },
        {
          name: series.metric,
          type: FieldType.number,
          values: series.points.map(([, v]) => v),
          labels: series.dimensions,
        },
      ],
    }),
  );
}

/** What a failed proxy call says: the exporter's ApiError message when there is one. */
export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { data, message, status, statusText } = err as {
      data?: { message?: unknown };
      message?: unknown;
      status?: number;
      statusText?: string;
    };
    if (typeof data?.message === 'string' && data.message) {
      return status ? `${status}: ${data.message}` : data.message;
    }
    if (typeof message === 'string' && message) {
      return message;
    }
    if (status) {
      return `${status}${statusText ? ` ${statusText}` : ''}`;
    }
  }
  return String(err);
}
