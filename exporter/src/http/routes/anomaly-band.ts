import { AnomalyBandQuery, AnomalyBandResult, ApiError } from '@kpilens/contract';
import {
  HOUR_MS,
  MAX_BAND_RANGE_MS,
  bandBucketMs,
  bandColumns,
  bandOrigin,
  bucketBand,
} from '../../analysis/anomaly-band';
import type { Queryable } from '../../db/db';
import { pendingRollups, runRollups } from '../../store/rollups';
import type { KpiApp } from '../app-types';
import { BandCache } from '../band-cache';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { parseQueryTime } from '../query-time';
import { dimensionFilters } from './read';
import { dimensionMatchSql } from '../../store/dimension-match';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError, 503: ApiError };
const KNOWN = new Set(['model', 'metric', 'from', 'to', 'intervalMs', 'maxDataPoints', 'limit']);

/**
 * Hourly means from the 1 h rollups, per series, in time order: one row a series (arrays), which the
 * driver parses several times faster than a row an hour.
 */
async function readHours(
  q: Queryable,
  ids: number[],
  fromMs: number,
  toMs: number,
): Promise<Map<number, Array<[number, number]>>> {
  const out = new Map<number, Array<[number, number]>>(ids.map((id) => [id, []]));
  const { rows } = await q.query<{ s: number; t: number[]; v: number[] }>(
    `SELECT series_id AS s, array_agg(extract(epoch FROM bucket)::float8 * 1000 ORDER BY bucket) AS t,
            array_agg(sum / count ORDER BY bucket) AS v
     FROM rollups
     WHERE series_id = ANY($1::int[]) AND resolution = 3600
       AND bucket >= to_timestamp($2::float8 / 1000) AND bucket < to_timestamp($3::float8 / 1000)
     GROUP BY series_id`,
    [ids, fromMs, toMs],
  );
  for (const r of rows) {
    const hours = out.get(r.s);
    if (hours) for (let i = 0; i < r.t.length; i++) hours.push([Number(r.t[i]), Number(r.v[i])]);
  }
  return out;
}

export async function anomalyBandRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  // Bands already replayed, per series: a refresh only feeds the detector the hours it has not seen.
  const cache = new BandCache();
  app.get(
    '/anomaly-band',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Observed values of the matching series with the expected value and normal band',
        description:
          'The streaming anomaly detector replays the range from at least three weeks before `from` (from ' +
          'the Monday before, so ranges starting in the same week share one replay, which the exporter ' +
          'keeps), hour by hour; buckets are whole hours, widened to honour intervalMs and maxDataPoints. ' +
          'Ranges up to 731 days.',
        tags: ['read'],
        querystring: AnomalyBandQuery,
        response: { 200: AnomalyBandResult, ...errors },
      },
    },
    async (req) => {
      const orgId = principalOf(req).orgId;
      const q = req.query;
      const dims = dimensionFilters(q, KNOWN);
      const fromMs = Math.floor(parseQueryTime(q.from, 'from') / HOUR_MS) * HOUR_MS;
      const toMs = parseQueryTime(q.to, 'to');
      if (toMs <= fromMs)
        throw new ApiHttpError(400, 'empty time range', [
          { path: '/query/to', message: 'must be after from' },
        ]);
      if (toMs - fromMs > MAX_BAND_RANGE_MS)
        throw new ApiHttpError(400, 'time range too long for the anomaly band', [
          { path: '/query/from', message: 'must be at most 731 days before to' },
        ]);
      const limit = q.limit ?? 10;
      const params: unknown[] = [orgId, q.model, q.metric];
      const dimClause = dimensionMatchSql(dims, params);
      const { rows: series } = await ctx.db.query<{ id: number; dimensions: Record<string, string> }>(
        `SELECT id, dimensions FROM series WHERE org_id = $1 AND model = $2 AND metric = $3${dimClause}
         ORDER BY series_key LIMIT ${limit + 1}`,
        params,
      );
      const shown = series.slice(0, limit);
      const ids = shown.map((s) => s.id);
      // Read-your-writes: the band reads hourly rollups, so fold these series' pending writes first.
      if (ids.length > 0 && (await pendingRollups(ctx.db, ids)) > 0)
        await runRollups(ctx.db, { seriesIds: ids });
      const bucketMs = bandBucketMs(fromMs, toMs, q.intervalMs, q.maxDataPoints ?? 1000);
      const originMs = bandOrigin(fromMs);
      const hours = await readHours(ctx.db, ids, originMs, toMs);
      const nowMs = Date.now();
      return {
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        intervalMs: bucketMs,
        truncated: series.length > limit,
        series: shown.map((s) => ({
          id: s.id,
          model: q.model,
          metric: q.metric,
          dimensions: s.dimensions,
          ...bandColumns(
            bucketBand(cache.hourly(s.id, originMs, hours.get(s.id) ?? [], nowMs), fromMs, toMs, bucketMs),
          ),
        })),
      };
    },
  );
}
