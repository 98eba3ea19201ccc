import { ForecastHorizons, RiskLevels, type QueryType, type RiskMeasure } from '@kpilens/contract';
import { rangeUtil, type TimeRange } from '@grafana/data';
import type { KpiQuery } from '../types';
import { expandDimensions } from './interpolate';

/** A GET the datasource sends through the proxy route: path under /api/v1 and its query string. */
export interface ExporterRequest {
  path: string;
  params: Record<string, string | number>;
}

export interface RequestContext {
  range: TimeRange;
  intervalMs: number;
  maxDataPoints?: number;
}

/** Model that holds the payment-risk KPIs per level per hour (the exporter's scoring pass writes them). */
export const RISK_KPI_MODEL = 'payment_risk';
// The exporter's buckets are at least one second wide.
const MIN_INTERVAL_MS = 1000;

export function queryTypeOf(query: KpiQuery): QueryType {
  return query.queryType ?? 'series';
}

/** Whether a query has what its type needs (hidden queries and half-filled editors are not run). */
export function isRunnable(query: KpiQuery): boolean {
  if (query.hide) {
    return false;
  }
  switch (queryTypeOf(query)) {
    case 'series':
    case 'anomalyBand':
    case 'forecast':
      return Boolean(query.model?.trim()) && Boolean(query.metric?.trim());
    default:
      return true;
  }
}

/** Bucket width: the query's own interval (`1h`, `$__interval` once interpolated) or the panel's. */
export function intervalOf(query: KpiQuery, ctx: RequestContext): number {
  let ms = ctx.intervalMs;
  if (query.interval) {
    try {
      ms = rangeUtil.intervalToMs(query.interval);
    } catch {
      throw new Error(`interval "${query.interval}" is not a duration such as 30s, 5m, 1h or 1d`);
    }
  }
  return Math.max(MIN_INTERVAL_MS, Math.round(ms));
}

function timeRange(ctx: RequestContext) {
  return { from: String(ctx.range.from.valueOf()), to: String(ctx.range.to.valueOf()) };
}

function withDims(params: ExporterRequest['params'], dims: Record<string, string>) {
  const out = { ...params };
  for (const [k, v] of Object.entries(dims)) {
    out[`dim.${k}`] = v;
  }
  return out;
}

function bucketed(query: KpiQuery, ctx: RequestContext): ExporterRequest['params'] {
  const params: ExporterRequest['params'] = { ...timeRange(ctx), intervalMs: intervalOf(query, ctx) };
  if (ctx.maxDataPoints !== undefined && ctx.maxDataPoints > 0) {
    params.maxDataPoints = Math.min(11_000, Math.round(ctx.maxDataPoints));
  }
  return params;
}

function limitOf(query: KpiQuery, max: number): Record<string, number> {
  return query.limit && query.limit > 0 ? { limit: Math.min(max, Math.round(query.limit)) } : {};
}

/**
 * The exporter requests of one interpolated query over the dashboard's time range; several when
 * multi-value dimension variables stand for several exact filters.
 */
export function buildRequests(query: KpiQuery, ctx: RequestContext): ExporterRequest[] {
  const model = query.model?.trim() || undefined;
  const metric = query.metric?.trim() || undefined;
  switch (queryTypeOf(query)) {
    case 'series':
      return expandDimensions(query.dimensions).map((dims) => ({
        path: '/query',
        params: withDims(
          {
            model: model!,
            metric: metric!,
            aggregation: query.aggregation ?? 'avg',
            ...bucketed(query, ctx),
            ...limitOf(query, 500),
          },
          dims,
        ),
      }));
    case 'anomalyBand':
      return expandDimensions(query.dimensions).map((dims) => ({
        path: '/anomaly-band',
        params: withDims(
          { model: model!, metric: metric!, ...bucketed(query, ctx), ...limitOf(query, 50) },
          dims,
        ),
      }));
    case 'forecast':
      return expandDimensions(query.dimensions).map((dims) => ({
        path: '/forecasts',
        params: withDims(
          { model: model!, metric: metric!, horizon: horizonOf(query), ...limitOf(query, 500) },
          dims,
        ),
      }));
    case 'insights': {
      const params: ExporterRequest['params'] = { ...timeRange(ctx), limit: 1000 };
      if (model) {
        params.model = model;
      }
      // One severity is filtered by the exporter; several are filtered in the frame (severityFilter).
      if (query.severities?.length === 1) {
        params.severity = query.severities[0];
      }
      if (query.insightStatus) {
        params.status = query.insightStatus;
      }
      return [{ path: '/insights', params }];
    }
    case 'recommendations': {
      const params: ExporterRequest['params'] = { limit: 1000 };
      if (model) {
        params.model = model;
      }
      if (query.recommendationStatus) {
        params.status = query.recommendationStatus;
      }
      if (query.language) {
        params.lang = query.language;
      }
      return [{ path: '/recommendations', params }];
    }
    case 'riskScores': {
      const levels = (query.riskLevels ?? []).filter((l) => (RiskLevels as readonly string[]).includes(l));
      return [
        {
          path: '/risk/scores',
          params: {
            ...(levels.length > 0 ? { level: [...new Set(levels)].join(',') } : {}),
            limit: query.limit ?? 1000,
          },
        },
      ];
    }
    case 'riskDistribution':
      return [
        {
          path: '/query',
          params: {
            model: RISK_KPI_MODEL,
            metric: riskMeasureOf(query),
            aggregation: 'last',
            ...bucketed(query, ctx),
          },
        },
      ];
    case 'learnings':
      return [{ path: '/learnings', params: { ...(model ? { model } : {}), limit: 1000 } }];
    case 'briefing':
      return [{ path: '/briefing', params: { lang: query.language ?? 'en' } }];
  }
}

/** Forecast days shown: 7, 30 (default) or 90, the horizons the exporter keeps. */
export function horizonOf(query: KpiQuery): number {
  return (ForecastHorizons as readonly number[]).includes(query.horizonDays ?? 0) ? query.horizonDays! : 30;
}

export function riskMeasureOf(query: KpiQuery): RiskMeasure {
  return query.riskMeasure ?? 'accounts';
}
