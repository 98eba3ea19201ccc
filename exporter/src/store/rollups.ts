import type { Db, Queryable } from '../db/db';
import { alignAndMerge, RESOLUTIONS, type SeriesRange } from './rollup-ranges';

const UPSERT = `ON CONFLICT (series_id, resolution, bucket) DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum,
  min = EXCLUDED.min, max = EXCLUDED.max, last = EXCLUDED.last, last_ts = EXCLUDED.last_ts`;

async function recompute(tx: Queryable, ranges: SeriesRange[], resolution: number, below: number | null) {
  if (ranges.length === 0) return;
  const params = [
    ranges.map((r) => r.seriesId),
    ranges.map((r) => r.from),
    ranges.map((r) => r.to),
    resolution,
  ];
  const bucket = `date_bin(make_interval(secs => $4::int), %s, 'epoch'::timestamptz)`;
  const sql =
    below === null
      ? `INSERT INTO rollups (series_id, resolution, bucket, count, sum, min, max, last, last_ts)
         SELECT p.series_id, $4::int, ${bucket.replace('%s', 'p.ts')} AS b, count(*), sum(p.value), min(p.value),
                max(p.value), (array_agg(p.value ORDER BY p.ts DESC))[1], max(p.ts)
         FROM unnest($1::int[], $2::float8[], $3::float8[]) AS r(s, f, t)
         JOIN points p ON p.series_id = r.s AND p.ts >= to_timestamp(r.f) AND p.ts < to_timestamp(r.t)
         GROUP BY p.series_id, b ${UPSERT}`
      : `INSERT INTO rollups (series_id, resolution, bucket, count, sum, min, max, last, last_ts)
         SELECT x.series_id, $4::int, ${bucket.replace('%s', 'x.bucket')} AS b, sum(x.count), sum(x.sum), min(x.min),
                max(x.max), (array_agg(x.last ORDER BY x.last_ts DESC))[1], max(x.last_ts)
         FROM unnest($1::int[], $2::float8[], $3::float8[]) AS r(s, f, t)
         JOIN rollups x ON x.series_id = r.s AND x.resolution = $5::int
           AND x.bucket >= to_timestamp(r.f) AND x.bucket < to_timestamp(r.t)
         GROUP BY x.series_id, b ${UPSERT}`;
  await tx.query(sql, below === null ? params : [...params, below]);
}

/**
 * Folds queued write batches into the 1m, 1h and 1d rollups; returns the number of queue rows processed.
 * With `seriesIds`, only batches holding those series (the read path uses this to see its own writes).
 *
 * Two kinds of pass. A merge pass (every batch taken holds 1-minute aggregates of new points) adds those
 * aggregates to the stored minutes without reading a point. A recompute pass (some batch holds written
 * ranges: replaced points) rebuilds the touched minutes from the points; it takes every queued batch, since
 * a batch left behind would later add aggregates of points the recompute has already counted. Both rebuild
 * the touched hours and days from the level below.
 */
export async function runRollups(
  db: Db,
  opts: { seriesIds?: number[]; batch?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? 200;
  return db.transaction(async (tx) => {
    // One pass at a time across replicas, each on one snapshot taken after the previous pass committed:
    // LOCK TABLE takes no snapshot, so the snapshot of this repeatable-read transaction starts after it.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await tx.query('LOCK TABLE rollup_pass_lock IN EXCLUSIVE MODE');
    const filter = opts.seriesIds ? 'WHERE series_ids && $2::int[]' : '';
    const params: unknown[] = [batch];
    if (opts.seriesIds) params.push(opts.seriesIds);
    const { rows: picked } = await tx.query<{ id: string; ranges: boolean }>(
      `SELECT id, to_s IS NOT NULL AS ranges FROM rollup_queue ${filter} ORDER BY id LIMIT $1`,
      params,
    );
    if (picked.length === 0) return 0;
    let minutes: SeriesRange[];
    let processed = picked.length;
    if (picked.some((r) => r.ranges)) {
      const { rows } = await tx.query<{ s: number; f: number; t: number; q: string }>(
        `WITH q AS (DELETE FROM rollup_queue RETURNING id, series_ids, from_s, to_s)
         SELECT u.s, u.f, coalesce(u.t, u.f + 59) AS t, q.id AS q
         FROM q, unnest(q.series_ids, q.from_s, q.to_s) AS u(s, f, t)`,
      );
      processed = new Set(rows.map((r) => r.q)).size;
      minutes = rows.map((r) => ({ seriesId: r.s, from: r.f, to: r.t }));
      await recompute(tx, alignAndMerge(minutes, 60), 60, null);
    } else {
      const { rows } = await tx.query<{ s: number; b: number }>(
        `WITH q AS (DELETE FROM rollup_queue WHERE id = ANY($1::bigint[])
                    RETURNING series_ids, from_s, n, total, lo, hi, last, last_s),
         u AS (SELECT u.* FROM q, unnest(q.series_ids, q.from_s, q.n, q.total, q.lo, q.hi, q.last, q.last_s)
                 AS u(s, b, n, total, lo, hi, last, last_s)),
         m AS (SELECT s, b, sum(n)::int AS n, sum(total) AS total, min(lo) AS lo, max(hi) AS hi,
                      (array_agg(last ORDER BY last_s DESC))[1] AS last, max(last_s) AS last_s
               FROM u GROUP BY s, b)
         INSERT INTO rollups AS x (series_id, resolution, bucket, count, sum, min, max, last, last_ts)
         SELECT s, 60, to_timestamp(b), n, total, lo, hi, last, to_timestamp(last_s) FROM m
         ON CONFLICT (series_id, resolution, bucket) DO UPDATE SET count = x.count + EXCLUDED.count,
           sum = x.sum + EXCLUDED.sum, min = least(x.min, EXCLUDED.min), max = greatest(x.max, EXCLUDED.max),
           last = CASE WHEN EXCLUDED.last_ts > x.last_ts THEN EXCLUDED.last ELSE x.last END,
           last_ts = greatest(x.last_ts, EXCLUDED.last_ts)
         RETURNING series_id AS s, extract(epoch FROM bucket)::float8 AS b`,
        [picked.map((r) => r.id)],
      );
      minutes = rows.map((r) => ({ seriesId: r.s, from: r.b, to: r.b + 59 }));
    }
    let below: number = RESOLUTIONS[0];
    for (const res of RESOLUTIONS.slice(1)) {
      await recompute(tx, alignAndMerge(minutes, res), res, below);
      below = res;
    }
    await updateLastValues(tx, [...new Set(minutes.map((r) => r.seriesId))]);
    return processed;
  });
}

/**
 * Each series' latest value, from its newest 1-minute bucket. Done here, once per rollup pass, rather than
 * once per ingested batch: the per-batch update was a fifth of PostgreSQL's ingest cost.
 */
async function updateLastValues(tx: Queryable, seriesIds: number[]): Promise<void> {
  await tx.query(
    `UPDATE series SET last_ts = r.last_ts, last_value = r.last
     FROM (SELECT DISTINCT ON (series_id) series_id, last, last_ts FROM rollups
           WHERE resolution = 60 AND series_id = ANY($1::int[]) ORDER BY series_id, bucket DESC) AS r
     WHERE series.id = r.series_id
       AND (series.last_ts IS DISTINCT FROM r.last_ts OR series.last_value IS DISTINCT FROM r.last)`,
    [seriesIds],
  );
}

/** Queued write batches holding these series (0 means the rollups are current for them). */
export async function pendingRollups(db: Queryable, seriesIds: number[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM rollup_queue WHERE series_ids && $1::int[]',
    [seriesIds],
  );
  return rows[0]?.n ?? 0;
}
