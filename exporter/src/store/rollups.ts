import type { Db, Queryable } from '../db/db';
import { alignAndMerge, RESOLUTIONS, type SeriesRange } from './rollup-ranges';

// One rollup pass at a time across all replicas: passes recompute buckets from the data below them, and two
// concurrent passes with different snapshots could otherwise overwrite a newer bucket with an older one.
const ROLLUP_LOCK = 7351002;

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
 * Folds queued written ranges into the 1m, 1h and 1d rollups. With `seriesIds`, only those series
 * (the read path uses this to see its own writes). Returns the number of queue entries processed.
 */
export async function runRollups(
  db: Db,
  opts: { seriesIds?: number[]; batch?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? 20000;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
    const filter = opts.seriesIds ? 'WHERE series_id = ANY($2::int[])' : '';
    const params: unknown[] = [batch];
    if (opts.seriesIds) params.push(opts.seriesIds);
    const { rows } = await tx.query<{ s: number; f: number; t: number }>(
      `WITH q AS (DELETE FROM rollup_queue WHERE id IN (SELECT id FROM rollup_queue ${filter} ORDER BY id LIMIT $1)
                  RETURNING series_id, from_ts, to_ts)
       SELECT series_id AS s, extract(epoch FROM from_ts)::float8 AS f, extract(epoch FROM to_ts)::float8 AS t FROM q`,
      params,
    );
    if (rows.length === 0) return 0;
    const ranges = rows.map((r) => ({ seriesId: r.s, from: r.f, to: r.t }));
    let below: number | null = null;
    for (const res of RESOLUTIONS) {
      await recompute(tx, alignAndMerge(ranges, res), res, below);
      below = res;
    }
    await updateLastValues(tx, [...new Set(ranges.map((r) => r.seriesId))]);
    return rows.length;
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

/** Queue entries waiting for these series (0 means the rollups are current for them). */
export async function pendingRollups(db: Queryable, seriesIds: number[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM rollup_queue WHERE series_id = ANY($1::int[])',
    [seriesIds],
  );
  return rows[0]?.n ?? 0;
}
