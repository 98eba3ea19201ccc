import { ApiError, PointsQuery, PointsResult, SeriesList, SeriesQuery } from '@kpilens/contract';
import { readPoints } from '../../store/read-points';
import { listSeries } from '../../store/series';
import { pendingRollups, runRollups } from '../../store/rollups';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { parseQueryTime } from '../query-time';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError, 503: ApiError };
const KNOWN = new Set([
  'model',
  'metric',
  'limit',
  'offset',
  'from',
  'to',
  'aggregation',
  'intervalMs',
  'maxDataPoints',
]);

/** `dim.<key>=<value>` query parameters; any other unknown parameter is an error, not silently ignored. */
export function dimensionFilters(
  query: Record<string, unknown>,
  known: ReadonlySet<string> = KNOWN,
): Record<string, string> {
  const dims: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (known.has(k)) continue;
    if (!k.startsWith('dim.') || k.length === 4)
      throw new ApiHttpError(400, `unknown query parameter "${k}"`, [
        {
          path: `/query/${k}`,
          message: 'is not a known parameter; filter dimensions with dim.<key>=<value>',
        },
      ]);
    dims[k.slice(4)] = String(v);
  }
  return dims;
}

export async function readRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/series',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List KPI series',
        description:
          'Filter by model, metric and dimensions (`dim.platform=instagram`; an empty value, `dim.plan=`, ' +
          'selects series without that dimension); paged.',
        tags: ['read'],
        querystring: SeriesQuery,
        response: { 200: SeriesList, ...errors },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const limit = req.query.limit ?? 100;
      const offset = req.query.offset ?? 0;
      const filter = {
        model: req.query.model,
        metric: req.query.metric,
        dimensions: dimensionFilters(req.query),
      };
      let res = await listSeries(ctx.db, p.orgId, filter, limit, offset);
      // Latest values come from the rollup pass: fold this page's pending writes first (read-your-writes).
      const ids = res.series.map((s) => s.id);
      if (ids.length > 0 && (await pendingRollups(ctx.db, ids)) > 0) {
        await runRollups(ctx.db, { seriesIds: ids });
        res = await listSeries(ctx.db, p.orgId, filter, limit, offset);
      }
      return { ...res, limit, offset };
    },
  );

  app.get(
    '/query',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Points of the matching series over a time range, aggregated per interval',
        description:
          'The interval is widened to honour maxDataPoints and rounded to a bucket width; served from the ' +
          '1m/1h/1d rollups whenever the width allows (p95 always reads raw points). Series are matched like ' +
          'Prometheus labels: `dim.currency=EUR` matches every series with that dimension, `dim.plan=` only ' +
          'series without a plan (the totals).',
        tags: ['read'],
        querystring: PointsQuery,
        response: { 200: PointsResult, ...errors },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const q = req.query;
      const fromMs = parseQueryTime(q.from, 'from');
      const toMs = parseQueryTime(q.to, 'to');
      if (toMs <= fromMs)
        throw new ApiHttpError(400, 'empty time range', [
          { path: '/query/to', message: 'must be after from' },
        ]);
      return readPoints(ctx.db, p.orgId, {
        model: q.model,
        metric: q.metric,
        dimensions: dimensionFilters(q),
        fromMs,
        toMs,
        intervalMs: q.intervalMs,
        maxDataPoints: q.maxDataPoints ?? 1000,
        aggregation: q.aggregation ?? 'avg',
        limit: q.limit ?? 100,
      });
    },
  );
}
