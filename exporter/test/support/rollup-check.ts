/** Rollup buckets that disagree with an aggregation of the raw points (empty when the rollups are right). */
export async function rollupMismatches(db: {
  query(sql: string): Promise<{ rows: unknown[] }>;
}): Promise<unknown[]> {
  const { rows } = await db.query(
    `WITH raw AS (
       SELECT p.series_id, r.res,
              date_bin(make_interval(secs => r.res), p.ts, 'epoch'::timestamptz) AS bucket,
              count(*)::int AS count, sum(p.value) AS sum, min(p.value) AS min, max(p.value) AS max,
              (array_agg(p.value ORDER BY p.ts DESC))[1] AS last, max(p.ts) AS last_ts
       FROM points p CROSS JOIN (VALUES (60), (3600), (86400)) AS r(res)
       GROUP BY 1, 2, 3)
     SELECT * FROM raw FULL JOIN rollups x
       ON x.series_id = raw.series_id AND x.resolution = raw.res AND x.bucket = raw.bucket
     WHERE raw.series_id IS NULL OR x.series_id IS NULL OR raw.count <> x.count
       OR abs(raw.sum - x.sum) > 1e-6 OR raw.min <> x.min OR raw.max <> x.max OR raw.last <> x.last
       OR raw.last_ts <> x.last_ts`,
  );
  return rows;
}
