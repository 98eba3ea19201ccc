import type { Aggregation, PointsResult, SeriesPoints } from '@kpilens/contract';
import type { Db } from '../db/db';
import { planQuery, sourceName } from './query-plan';
import { pendingRollups, runRollups } from './rollups';
import type { SeriesFilter } from './series';
import { dimensionMatchSql } from './dimension-match';

const RAW_AGG: Record<Aggregation, string> = {
  avg: 'avg(value)',
  sum: 'sum(value)',
  min: 'min(value)',
  max: 'max(value)',
  count: 'count(*)::float8',
  last: '(array_agg(value ORDER BY ts DESC))[1]',
  p95: 'percentile_cont(0.95) WITHIN GROUP (ORDER BY value)',
};
const ROLLUP_AGG: Record<Exclude<Aggregation, 'p95'>, string> = {
  avg: 'sum(sum) / sum(count)',
  sum: 'sum(sum)',
  min: 'min(min)',
  max: 'max(max)',
  count: 'sum(count)::float8',
  last: '(array_agg(last ORDER BY last_ts DESC))[1]',
};

export interface PointsRequest extends SeriesFilter {
  model: string;
  metric: string;
  fromMs: number;
  toMs: number;
  intervalMs?: number;
  maxDataPoints: number;
  aggregation: Aggregation;
  limit: number;
}

/** Range query over the series matching a filter, bucketed and aggregated, from rollups when possible. */
export async function readPoints(db: Db, orgId: number, req: PointsRequest): Promise<PointsResult> {
  const plan = planQuery(req);
  const params: unknown[] = [orgId, req.model, req.metric];
  const dimClause = dimensionMatchSql(req.dimensions, params);
  const { rows: seriesRows } = await db.query<{ id: number; dimensions: Record<string, string> }>(
    `SELECT id, dimensions FROM series WHERE org_id = $1 AND model = $2 AND metric = $3${dimClause}
     ORDER BY series_key LIMIT ${req.limit + 1}`,
    params,
  );
  const truncated = seriesRows.length > req.limit;
  const series = seriesRows.slice(0, req.limit);
  const ids = series.map((s) => s.id);
  const base = {
    from: new Date(plan.fromMs).toISOString(),
    to: new Date(plan.toMs).toISOString(),
    intervalMs: plan.intervalMs,
    aggregation: req.aggregation,
    source: sourceName(plan.resolution),
    truncated,
  };
  if (ids.length === 0) return { ...base, series: [] };
  // Read-your-writes: fold this query's own pending writes into the rollups first.
  if (plan.resolution > 0 && (await pendingRollups(db, ids)) > 0) await runRollups(db, { seriesIds: ids });

  const qParams = [ids, plan.fromMs / 1000, plan.toMs / 1000, plan.intervalMs / 1000];
  // date_part is float8 arithmetic; extract() is numeric since PostgreSQL 14 (a quarter slower here).
  const bucket = (col: string) => `date_bin(make_interval(secs => $4::float8), ${col}, 'epoch'::timestamptz)`;
  const sql =
    plan.resolution === 0
      ? `SELECT series_id AS s, date_part('epoch', ${bucket('ts')}) * 1000 AS t, ${RAW_AGG[req.aggregation]} AS v
         FROM points WHERE series_id = ANY($1::int[]) AND ts >= to_timestamp($2) AND ts < to_timestamp($3)
         GROUP BY 1, 2 ORDER BY 1, 2`
      : `SELECT series_id AS s, date_part('epoch', ${bucket('bucket')}) * 1000 AS t,
                ${ROLLUP_AGG[req.aggregation as Exclude<Aggregation, 'p95'>]} AS v
         FROM rollups WHERE series_id = ANY($1::int[]) AND resolution = $5::int
           AND bucket >= to_timestamp($2) AND bucket < to_timestamp($3)
         GROUP BY 1, 2 ORDER BY 1, 2`;
  const { rows } = await db.query<{ s: number; t: number; v: number }>(
    sql,
    plan.resolution === 0 ? qParams : [...qParams, plan.resolution],
  );
  const byId = new Map<number, SeriesPoints>();
  const out = series.map((s) => {
    const sp: SeriesPoints = {
      id: s.id,
      model: req.model,
      metric: req.metric,
      dimensions: s.dimensions,
      points: [],
    };
    byId.set(s.id, sp);
    return sp;
  });
  for (const r of rows) byId.get(r.s)?.points.push([Number(r.t), Number(r.v)]);
  return { ...base, series: out };
}
