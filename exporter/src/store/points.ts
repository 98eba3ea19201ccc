import type { IngestResult } from '@kpilens/contract';
import type { Queryable } from '../db/db';
import { dedupeLastWins, timeRanges, type NormalizedPoint } from '../ingest/normalize-points';
import type { SeriesRegistry } from './series';

/** Gaps longer than this split a series' written range into separate rollup queue entries. */
const ROLLUP_RANGE_GAP_MS = 3600_000;

export interface WriteOutcome extends IngestResult {
  /** Series ids created in this write (to cache once the transaction commits). */
  created: Array<[string, number]>;
  /** Points written per model, for the ingestion counters. */
  perModel: Map<string, number>;
}

/**
 * Writes validated points inside the caller's transaction: upserts the points (a re-sent point replaces,
 * never adds), queues the written time ranges for the rollups and moves each series' latest value.
 */
export async function writePoints(
  tx: Queryable,
  registry: SeriesRegistry,
  orgId: number,
  input: NormalizedPoint[],
): Promise<WriteOutcome> {
  const points = dedupeLastWins(input);
  const { ids, created } = await registry.resolve(tx, orgId, points);
  // Sorted by (series, ts) so concurrent batches lock rows in the same order and cannot deadlock.
  const rows = points
    .map((p) => ({ id: ids.get(p.seriesKey)!, ts: p.ts, value: p.value, model: p.model }))
    .sort((a, b) => a.id - b.id || a.ts - b.ts);
  const n = rows.length;
  const sid = new Array<number>(n);
  const sec = new Array<number>(n);
  const val = new Array<number>(n);
  const perModel = new Map<string, number>();
  const rangeId: number[] = [];
  const rangeFrom: number[] = [];
  const rangeTo: number[] = [];
  const lastId: number[] = [];
  const lastSec: number[] = [];
  const lastVal: number[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    sid[i] = r.id;
    sec[i] = r.ts / 1000;
    val[i] = r.value;
    perModel.set(r.model, (perModel.get(r.model) ?? 0) + 1);
    if (i === n - 1 || rows[i + 1].id !== r.id) {
      const ts = rows.slice(start, i + 1).map((x) => x.ts);
      for (const [a, b] of timeRanges(ts, ROLLUP_RANGE_GAP_MS)) {
        rangeId.push(r.id);
        rangeFrom.push(a / 1000);
        rangeTo.push(b / 1000);
      }
      lastId.push(r.id);
      lastSec.push(r.ts / 1000);
      lastVal.push(r.value);
      start = i + 1;
    }
  }
  const counts = await tx.query<{ inserted: number; updated: number }>(
    `WITH ins AS (
       INSERT INTO points (series_id, ts, value)
       SELECT s, to_timestamp(t), v FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(s, t, v)
       ON CONFLICT (series_id, ts) DO UPDATE SET value = EXCLUDED.value
         WHERE points.value IS DISTINCT FROM EXCLUDED.value
       RETURNING (xmax = 0) AS fresh)
     SELECT (count(*) FILTER (WHERE fresh))::int AS inserted, (count(*) FILTER (WHERE NOT fresh))::int AS updated
     FROM ins`,
    [sid, sec, val],
  );
  await tx.query(
    `INSERT INTO rollup_queue (series_id, from_ts, to_ts)
     SELECT s, to_timestamp(a), to_timestamp(b) FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(s, a, b)`,
    [rangeId, rangeFrom, rangeTo],
  );
  await tx.query(
    `UPDATE series SET last_ts = to_timestamp(u.t), last_value = u.v
     FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(s, t, v)
     WHERE series.id = u.s AND (series.last_ts IS NULL OR series.last_ts <= to_timestamp(u.t))`,
    [lastId, lastSec, lastVal],
  );
  const inserted = counts.rows[0]?.inserted ?? 0;
  const updated = counts.rows[0]?.updated ?? 0;
  return {
    accepted: input.length,
    inserted,
    updated,
    duplicates: input.length - inserted - updated,
    created,
    perModel,
  };
}
