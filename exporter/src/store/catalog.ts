// What is stored, for pickers and dashboard variables: (model, metric) pairs, dimension keys, their values.
// Each list is capped (one more row than asked says it was truncated).
import type { Queryable } from '../db/db';
import { seriesWhere, type SeriesFilter } from './series';

export interface Capped<T> {
  items: T[];
  truncated: boolean;
}

function cap<T>(rows: T[], limit: number): Capped<T> {
  return { items: rows.slice(0, limit), truncated: rows.length > limit };
}

export async function listMetrics(
  q: Queryable,
  orgId: number,
  model: string | undefined,
  limit: number,
): Promise<Capped<{ model: string; metric: string; series: number }>> {
  const w = seriesWhere(orgId, { model });
  const { rows } = await q.query<{ model: string; metric: string; series: number }>(
    `SELECT model, metric, count(*)::int AS series FROM series WHERE ${w.sql}
     GROUP BY model, metric ORDER BY model, metric LIMIT ${Number(limit) + 1}`,
    w.params,
  );
  return cap(rows, limit);
}

export async function listDimensionKeys(
  q: Queryable,
  orgId: number,
  filter: SeriesFilter,
  limit: number,
): Promise<Capped<{ key: string; series: number }>> {
  const w = seriesWhere(orgId, filter);
  const { rows } = await q.query<{ key: string; series: number }>(
    `SELECT k AS key, count(*)::int AS series FROM series CROSS JOIN LATERAL jsonb_object_keys(dimensions) AS k
     WHERE ${w.sql} GROUP BY k ORDER BY k LIMIT ${Number(limit) + 1}`,
    w.params,
  );
  return cap(rows, limit);
}

export async function listDimensionValues(
  q: Queryable,
  orgId: number,
  key: string,
  filter: SeriesFilter,
  limit: number,
): Promise<Capped<{ value: string; series: number }>> {
  const w = seriesWhere(orgId, filter);
  const k = w.params.length + 1;
  const { rows } = await q.query<{ value: string; series: number }>(
    `SELECT dimensions ->> $${k} AS value, count(*)::int AS series FROM series
     WHERE ${w.sql} AND dimensions ->> $${k} IS NOT NULL
     GROUP BY 1 ORDER BY 1 LIMIT ${Number(limit) + 1}`,
    [...w.params, key],
  );
  return cap(rows, limit);
}
