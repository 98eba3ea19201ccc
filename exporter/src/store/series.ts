import type { Series } from '@kpilens/contract';
import type { Queryable } from '../db/db';
import type { NormalizedPoint } from '../ingest/normalize-points';
import { dimensionMatchSql } from './dimension-match';

/**
 * Maps series keys to ids, creating series on first sight. Ids are cached per process once committed:
 * series rows are never renumbered, so a cached id stays valid.
 */
export class SeriesRegistry {
  /** org id -> series key -> id: looked up with the points' own key strings, no per-point concatenation */
  private readonly cache = new Map<number, Map<string, number>>();
  private size = 0;
  /** series id -> latest timestamp (ms) this process wrote to it: later points are almost surely new rows */
  private readonly written = new Map<number, number>();
  private readonly maxCached: number;

  constructor(maxCached = 200_000) {
    this.maxCached = maxCached;
  }

  /** Ids for the points' series, inserting missing series inside the caller's transaction. */
  async resolve(
    tx: Queryable,
    orgId: number,
    points: NormalizedPoint[],
  ): Promise<{ ids: Map<string, number>; created: Array<[string, number]> }> {
    const cached = this.cache.get(orgId);
    const ids = new Map<string, number>();
    const missing = new Map<string, NormalizedPoint>();
    let previous: string | undefined;
    for (const p of points) {
      const key = p.seriesKey;
      // Batches often list a series' points together: skip the map lookups for a repeat.
      if (key === previous) continue;
      previous = key;
      if (ids.has(key) || missing.has(key)) continue;
      const id = cached?.get(key);
      if (id === undefined) missing.set(key, p);
      else ids.set(key, id);
    }
    const created: Array<[string, number]> = [];
    if (missing.size > 0) {
      const list = [...missing.values()];
      await tx.query(
        `INSERT INTO series (org_id, model, metric, dimensions, series_key)
         SELECT $1, m, x, d::jsonb, k FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(m, x, d, k)
         ON CONFLICT (org_id, series_key) DO NOTHING`,
        [
          orgId,
          list.map((p) => p.model),
          list.map((p) => p.metric),
          list.map((p) => JSON.stringify(p.dimensions)),
          list.map((p) => p.seriesKey),
        ],
      );
      const { rows } = await tx.query<{ id: number; series_key: string }>(
        'SELECT id, series_key FROM series WHERE org_id = $1 AND series_key = ANY($2::text[])',
        [orgId, list.map((p) => p.seriesKey)],
      );
      for (const r of rows) {
        ids.set(r.series_key, r.id);
        created.push([r.series_key, r.id]);
      }
    }
    return { ids, created };
  }

  /**
   * False when this process already wrote a point at or after `fromMs` to the series (a re-send, a
   * correction or a backfill): the writer then goes straight to the upsert. A hint only, never trusted for
   * correctness (another replica or a restart may have written the rows).
   */
  likelyNew(seriesId: number, fromMs: number): boolean {
    const w = this.written.get(seriesId);
    return w === undefined || fromMs > w;
  }

  /** Records a write up to `toMs` (called before commit: a rollback only makes the hint pessimistic). */
  noteWritten(seriesId: number, toMs: number): void {
    const w = this.written.get(seriesId);
    if (w !== undefined && w >= toMs) return;
    if (w === undefined && this.written.size >= this.maxCached) this.written.clear();
    this.written.set(seriesId, toMs);
  }

  /** Call after the transaction that resolved these ids committed. */
  remember(orgId: number, entries: Array<[string, number]>): void {
    if (entries.length === 0) return;
    if (this.size + entries.length > this.maxCached) {
      this.cache.clear();
      this.size = 0;
    }
    let org = this.cache.get(orgId);
    if (!org) this.cache.set(orgId, (org = new Map()));
    for (const [k, id] of entries) {
      if (!org.has(k)) this.size++;
      org.set(k, id);
    }
  }
}

export interface SeriesFilter {
  model?: string;
  metric?: string;
  dimensions?: Record<string, string>;
}

interface SeriesRow {
  id: number;
  model: string;
  metric: string;
  dimensions: Record<string, string>;
  last_value: number | null;
  last_ts: Date | null;
}

export function seriesWhere(orgId: number, f: SeriesFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [orgId];
  const clauses = ['org_id = $1'];
  if (f.model) {
    params.push(f.model);
    clauses.push(`model = $${params.length}`);
  }
  if (f.metric) {
    params.push(f.metric);
    clauses.push(`metric = $${params.length}`);
  }
  return { sql: clauses.join(' AND ') + dimensionMatchSql(f.dimensions, params), params };
}

export function toSeries(r: SeriesRow): Series {
  return {
    id: r.id,
    model: r.model,
    metric: r.metric,
    dimensions: r.dimensions,
    lastValue: r.last_value,
    lastTimestamp: r.last_ts ? new Date(r.last_ts).toISOString() : null,
  };
}

export async function listSeries(
  db: Queryable,
  orgId: number,
  filter: SeriesFilter,
  limit: number,
  offset: number,
): Promise<{ series: Series[]; total: number }> {
  const w = seriesWhere(orgId, filter);
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM series WHERE ${w.sql}`,
    w.params,
  );
  const { rows } = await db.query<SeriesRow>(
    `SELECT id, model, metric, dimensions, last_value, last_ts FROM series WHERE ${w.sql}
     ORDER BY model, metric, series_key LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    w.params,
  );
  return { series: rows.map(toSeries), total: total.rows[0]?.n ?? 0 };
}
