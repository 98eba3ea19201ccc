import type { IngestResult } from '@kpilens/contract';
import type { Queryable } from '../db/db';
import { binaryCopyRows, canCopy } from '../db/pg-db';
import { timeRanges, type NormalizedPoint } from '../ingest/normalize-points';
import { minuteAggregates } from './minute-aggregates';
import type { SeriesRegistry } from './series';

/** Gaps longer than this split a series' written range into separate rollup queue entries. */
const ROLLUP_RANGE_GAP_MS = 3600_000;

export interface WriteOutcome extends IngestResult {
  /** Series ids created in this write (to cache once the transaction commits). */
  created: Array<[string, number]>;
  /**
   * Points accepted per model, for the ingestion counters: as sent, duplicates included (like `accepted`),
   * so that accepted + rejected + failed counts every point received.
   */
  perModel: Map<string, number>;
}

/** A PostgreSQL array literal of finite numbers: far cheaper than the driver's per-element escaping. */
export function numberArrayLiteral(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The fast path for new points (a live feed's usual case): a plain INSERT costs about half of an
 * INSERT ... ON CONFLICT DO UPDATE ... RETURNING. Under a savepoint, so that a conflict (a re-sent or
 * corrected point) undoes only this attempt; the caller then upserts. True when every row was new.
 */
async function insertIfAllNew(
  tx: Queryable,
  rows: { sid: number[]; tsMs: number[]; val: number[] },
  params: () => string[],
): Promise<boolean> {
  await tx.query('SAVEPOINT kpilens_new_points');
  try {
    // On PostgreSQL, binary COPY: about a quarter cheaper again than INSERT ... SELECT FROM unnest.
    if (canCopy(tx))
      await tx.copyIn(
        'COPY points (series_id, ts, value) FROM STDIN (FORMAT binary)',
        binaryCopyRows(rows.sid, rows.tsMs, rows.val),
      );
    else
      await tx.query(
        `INSERT INTO points (series_id, ts, value)
         SELECT s, to_timestamp(t), v FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(s, t, v)`,
        params(),
      );
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT kpilens_new_points');
    return false;
  }
  await tx.query('RELEASE SAVEPOINT kpilens_new_points');
  return true;
}

/**
 * Writes validated points inside the caller's transaction: upserts the points (a re-sent point replaces,
 * never adds) and queues the batch for the rollup pass: its 1-minute aggregates when every point was new,
 * else its written time ranges (recomputed from the points).
 */
export async function writePoints(
  tx: Queryable,
  registry: SeriesRegistry,
  orgId: number,
  input: NormalizedPoint[],
): Promise<WriteOutcome> {
  const { ids, created } = await registry.resolve(tx, orgId, input);
  const n = input.length;
  // Points grouped by series in input order: a batch usually lists each series' points in time order, so
  // grouping is linear and a series' run needs sorting only when it is not (a comparator sort of the whole
  // batch was a tenth of the exporter's ingest time).
  const groups = new Map<number, number[]>();
  let previousKey: string | undefined;
  let group: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = input[i].seriesKey;
    if (key !== previousKey) {
      previousKey = key;
      const id = ids.get(key)!;
      let g = groups.get(id);
      if (g === undefined) groups.set(id, (g = []));
      group = g;
    }
    group.push(i);
  }
  // Series in id order and each series' points by time, so concurrent batches lock rows in the same order
  // and cannot deadlock; ties keep the input order, so the last of a run of equal (series, ts) is the one
  // sent last (last wins: one statement cannot upsert a row twice).
  const seriesOrder = [...groups.keys()].sort((a, b) => a - b);
  const perModel = new Map<string, number>();
  const sid: number[] = [];
  const val: number[] = [];
  const tsMs: number[] = [];
  /** index in sid/tsMs where each series' run of points starts */
  const runStarts: number[] = [];
  let allLikelyNew = true;
  for (const id of seriesOrder) {
    const g = groups.get(id)!;
    const model = input[g[0]].model;
    perModel.set(model, (perModel.get(model) ?? 0) + g.length);
    for (let j = 1; j < g.length; j++)
      if (input[g[j]].ts < input[g[j - 1]].ts) {
        g.sort((a, b) => input[a].ts - input[b].ts || a - b);
        break;
      }
    runStarts.push(sid.length);
    for (let j = 0; j < g.length; j++) {
      const p = input[g[j]];
      if (j + 1 < g.length && input[g[j + 1]].ts === p.ts) continue;
      sid.push(id);
      val.push(p.value);
      tsMs.push(p.ts);
    }
    if (allLikelyNew && !registry.likelyNew(id, tsMs[runStarts[runStarts.length - 1]])) allLikelyNew = false;
    registry.noteWritten(id, tsMs[tsMs.length - 1]);
  }
  // Built only when a statement needs them (the COPY path does not).
  const pointParams = () => [
    numberArrayLiteral(sid),
    numberArrayLiteral(tsMs.map((t) => t / 1000)),
    numberArrayLiteral(val),
  ];
  let inserted = sid.length;
  let updated = 0;
  const allNew = allLikelyNew && (await insertIfAllNew(tx, { sid, tsMs, val }, pointParams));
  if (!allNew) {
    const counts = await tx.query<{ inserted: number; updated: number }>(
      `WITH ins AS (
         INSERT INTO points (series_id, ts, value)
         SELECT s, to_timestamp(t), v FROM unnest($1::int[], $2::float8[], $3::float8[]) AS u(s, t, v)
         ON CONFLICT (series_id, ts) DO UPDATE SET value = EXCLUDED.value
           WHERE points.value IS DISTINCT FROM EXCLUDED.value
         RETURNING (xmax = 0) AS fresh)
       SELECT (count(*) FILTER (WHERE fresh))::int AS inserted, (count(*) FILTER (WHERE NOT fresh))::int AS updated
       FROM ins`,
      pointParams(),
    );
    inserted = counts.rows[0]?.inserted ?? 0;
    updated = counts.rows[0]?.updated ?? 0;
  }
  await queueForRollups(tx, allNew, sid, tsMs, val, runStarts);
  return {
    accepted: input.length,
    inserted,
    updated,
    duplicates: input.length - inserted - updated,
    created,
    perModel,
  };
}

/** One rollup queue row for the batch (see migration 010). */
async function queueForRollups(
  tx: Queryable,
  allNew: boolean,
  sid: number[],
  tsMs: number[],
  val: number[],
  runStarts: number[],
): Promise<void> {
  if (sid.length === 0) return;
  const lit = numberArrayLiteral;
  if (allNew) {
    const a = minuteAggregates(sid, tsMs, val);
    await tx.query(
      `INSERT INTO rollup_queue (series_ids, from_s, n, total, lo, hi, last, last_s)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.seriesIds, a.minutes, a.counts, a.sums, a.mins, a.maxs, a.lasts, a.lastTimes].map(lit),
    );
    return;
  }
  const ids: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let r = 0; r < runStarts.length; r++) {
    const start = runStarts[r];
    const end = r + 1 < runStarts.length ? runStarts[r + 1] : sid.length;
    for (const [a, b] of timeRanges(tsMs.slice(start, end), ROLLUP_RANGE_GAP_MS)) {
      ids.push(sid[start]);
      from.push(a / 1000);
      to.push(b / 1000);
    }
  }
  await tx.query('INSERT INTO rollup_queue (series_ids, from_s, to_s) VALUES ($1, $2, $3)', [
    lit(ids),
    lit(from),
    lit(to),
  ]);
}
