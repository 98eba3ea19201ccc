import type { AnalyzeResult, InsightEvidence, KpiDefinition, Severity } from '@kpilens/contract';
import { ConditionTracker, type ConditionOptions, type Episode } from '../analysis/conditions';
import { StreamingAnomalyDetector, type DetectorOptions } from '../analysis/streaming-detector';
import type { Db, Queryable } from '../db/db';
import { pendingRollups, runRollups } from '../store/rollups';
import type { KpiModelDefinition } from './definitions';

// Advisory lock class of model analyses (the second key is a hash of org and model): one replica at a time
// analyses a model of an organization; the others skip instead of waiting to do the same work again.
const ANALYSIS_LOCK = 7351003;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
// 1970-01-01 was a Thursday: weeks are aligned to Monday 00:00 UTC.
const MONDAY_OFFSET_MS = 4 * 24 * HOUR_MS;

export interface AnalysisOptions {
  nowMs?: number;
  /** History replayed through the detector (insights are raised after its first three weeks). */
  lookbackDays?: number;
  /** Schedule slot of a scheduled run: a slot already run (by any replica) is not run again. */
  slot?: number;
  detector?: Partial<DetectorOptions>;
  conditions?: Partial<ConditionOptions>;
}

// Three weeks of warm-up (conditions.ts) plus three to four weeks in which insights are raised.
export const DEFAULT_LOOKBACK_DAYS = 42;

/**
 * Where the replay starts: the lookback rounded down to a Monday, so every run of the same week replays
 * from the same point and finds the same conditions with the same start times (the dedup key).
 */
export function replayOrigin(nowMs: number, lookbackDays: number): number {
  const t = nowMs - lookbackDays * 24 * HOUR_MS - MONDAY_OFFSET_MS;
  return Math.floor(t / WEEK_MS) * WEEK_MS + MONDAY_OFFSET_MS;
}

/** Severity of an anomaly: against the KPI's good direction it is a problem, with it good news. */
export function severityOf(kpi: KpiDefinition, direction: 'up' | 'down', score: number): Severity {
  if (!kpi.goodDirection) return score >= 0.9 ? 'warning' : 'info';
  if (direction === kpi.goodDirection) return 'info';
  return score >= 0.9 ? 'critical' : 'warning';
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

export function describeEpisode(
  kpi: KpiDefinition,
  dimensions: Record<string, string>,
  ep: Episode,
): { title: string; message: string; evidence: InsightEvidence } {
  const dims = Object.entries(dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const where = dims ? ` (${dims})` : ' (all)';
  const p = ep.peak;
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  return {
    title: `${kpi.metric} ${ep.direction === 'up' ? 'above' : 'below'} its expected range${where}`,
    message:
      `${kpi.description}: ${fmt(p.observed)}${unit} at ${new Date(p.atMs).toISOString()} where ` +
      `${fmt(p.expected)}${unit} was expected (normal range ${fmt(p.lower)} to ${fmt(p.upper)}); ` +
      `since ${new Date(ep.startMs).toISOString()}` +
      (ep.endMs === null ? ', still going on.' : `, back to normal at ${new Date(ep.endMs).toISOString()}.`),
    evidence: {
      direction: ep.direction,
      score: p.score,
      observed: p.observed,
      expected: p.expected,
      lower: p.lower,
      upper: p.upper,
      deviation: p.deviation,
      peakAt: new Date(p.atMs).toISOString(),
    },
  };
}

interface SeriesRow {
  id: number;
  metric: string;
  dimensions: Record<string, string>;
}

/** Runs the causal detector over each series' hourly values and returns the conditions it found. */
export function findEpisodes(
  hours: Array<[number, number]>,
  opts: Pick<AnalysisOptions, 'detector' | 'conditions'> = {},
): Episode[] {
  const detector = new StreamingAnomalyDetector(opts.detector);
  const tracker = new ConditionTracker(opts.conditions);
  for (const [t, v] of hours) tracker.push(t, v, detector.update(t, v));
  return tracker.episodes;
}

interface InsightRow {
  id: number;
  condition_key: string;
  status: string;
  started_ms: number;
  last_seen_ms: number;
}

/**
 * Analyses one model of one organization: replays the hourly rollups of its KPI series through the
 * streaming detector and opens, updates or resolves one insight per condition. Runs under an advisory lock
 * so concurrent replicas never analyse the same model at once (the loser answers ran: false).
 */
export async function analyzeModel(
  db: Db,
  orgId: number,
  model: KpiModelDefinition,
  opts: AnalysisOptions = {},
): Promise<AnalyzeResult> {
  const started = performance.now();
  const nowMs = opts.nowMs ?? Date.now();
  const origin = replayOrigin(nowMs, opts.lookbackDays ?? DEFAULT_LOOKBACK_DAYS);
  const kpis = new Map(model.kpis.map((k) => [k.metric, k]));
  const { rows: series } = await db.query<SeriesRow>(
    'SELECT id, metric, dimensions FROM series WHERE org_id = $1 AND model = $2 AND metric = ANY($3::text[]) ORDER BY id',
    [orgId, model.name, [...kpis.keys()]],
  );
  const ids = series.map((s) => s.id);
  // The analysis reads hourly rollups: fold in what was written since the last rollup pass.
  if (ids.length > 0 && (await pendingRollups(db, ids)) > 0) await runRollups(db, { seriesIds: ids });

  const result: AnalyzeResult = {
    model: model.name,
    ran: false,
    seriesAnalysed: 0,
    opened: 0,
    updated: 0,
    resolved: 0,
    durationMs: 0,
  };
  await db.transaction(async (tx) => {
    const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [
      ANALYSIS_LOCK,
      `${orgId}/${model.name}`,
    ]);
    if (!lock.rows[0]?.ok) return;
    const run = await tx.query<{ id: number }>(
      `INSERT INTO analysis_runs (org_id, model, slot, status) VALUES ($1, $2, $3, 'running')
       ON CONFLICT (org_id, model, slot) DO NOTHING RETURNING id`,
      [orgId, model.name, opts.slot ?? null],
    );
    if (run.rows.length === 0) return; // this schedule slot was already run
    result.ran = true;
    const hours = await readHours(tx, ids, origin, nowMs);
    const existing = await tx.query<InsightRow>(
      `SELECT id, condition_key, status, date_part('epoch', started_at) * 1000 AS started_ms,
              date_part('epoch', last_seen_at) * 1000 AS last_seen_ms
       FROM insights WHERE org_id = $1 AND model = $2 AND type = 'anomaly'
         AND (status <> 'resolved' OR started_at >= to_timestamp($3))`,
      [orgId, model.name, origin / 1000],
    );
    const byStart = new Map(existing.rows.map((r) => [`${r.condition_key}@${Number(r.started_ms)}`, r]));
    const openByKey = new Map(
      existing.rows.filter((r) => r.status !== 'resolved').map((r) => [r.condition_key, r]),
    );
    const seen = new Set<number>();
    for (const s of series) {
      const kpi = kpis.get(s.metric)!;
      result.seriesAnalysed++;
      for (const ep of findEpisodes(hours.get(s.id) ?? [], opts)) {
        const key = `anomaly:${s.id}:${ep.direction}`;
        const d = describeEpisode(kpi, s.dimensions, ep);
        const severity = severityOf(kpi, ep.direction, ep.peak.score);
        const resolvedAt = ep.endMs === null ? null : new Date(ep.endMs).toISOString();
        const row = byStart.get(`${key}@${ep.startMs}`);
        if (row) {
          seen.add(row.id);
          if (row.status === 'resolved' || (Number(row.last_seen_ms) === ep.lastMs && resolvedAt === null))
            continue;
          await updateRow(
            tx,
            row.id,
            { severity, title: d.title, message: d.message, evidence: d.evidence },
            ep.lastMs,
            resolvedAt,
          );
          if (resolvedAt) result.resolved++;
          else result.updated++;
          continue;
        }
        const stale = openByKey.get(key);
        // The open insight of an earlier replay (which started elsewhere) that reaches into this condition
        // is the same condition seen from a later origin: it is updated, not raised again.
        if (stale && !seen.has(stale.id) && Number(stale.last_seen_ms) >= ep.startMs - HOUR_MS) {
          seen.add(stale.id);
          openByKey.delete(key);
          // keeps its title: the condition is the one already announced
          await updateRow(
            tx,
            stale.id,
            { severity, message: d.message, evidence: d.evidence },
            ep.lastMs,
            resolvedAt,
          );
          if (resolvedAt) result.resolved++;
          else result.updated++;
          continue;
        }
        // Otherwise a condition of this key still open from an earlier replay ended before this one began.
        if (stale && Number(stale.started_ms) < ep.startMs && !seen.has(stale.id)) {
          await resolveRow(tx, stale.id, Number(stale.last_seen_ms));
          seen.add(stale.id);
          openByKey.delete(key);
          result.resolved++;
        }
        const ins = await tx.query<{ id: number }>(
          `INSERT INTO insights (org_id, model, series_id, type, severity, status, condition_key, title, message,
             evidence, started_at, last_seen_at, resolved_at)
           VALUES ($1, $2, $3, 'anomaly', $4, $5, $6, $7, $8, $9::jsonb, to_timestamp($10), to_timestamp($11), $12)
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            orgId,
            model.name,
            s.id,
            severity,
            resolvedAt ? 'resolved' : 'open',
            key,
            d.title,
            d.message,
            JSON.stringify(d.evidence),
            ep.startMs / 1000,
            ep.lastMs / 1000,
            resolvedAt,
          ],
        );
        if (ins.rows[0]) {
          seen.add(ins.rows[0].id);
          result.opened++;
        }
      }
    }
    // Open insights the replay no longer finds (their condition ended and fell out of view): resolved.
    for (const r of openByKey.values()) {
      if (seen.has(r.id)) continue;
      await resolveRow(tx, r.id, Number(r.last_seen_ms));
      result.resolved++;
    }
    await tx.query(
      `UPDATE analysis_runs SET status = 'ok', finished_at = now(), series_analysed = $2 WHERE id = $1`,
      [run.rows[0].id, result.seriesAnalysed],
    );
  });
  result.durationMs = performance.now() - started;
  return result;
}

/** Moves an insight to what its condition shows now (updated, or resolved at `resolvedAt`). */
async function updateRow(
  tx: Queryable,
  id: number,
  text: { severity: string; title?: string; message: string; evidence: unknown },
  lastSeenMs: number,
  resolvedAt: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE insights SET status = $2, severity = $3, title = COALESCE($4, title), message = $5,
       evidence = $6::jsonb, last_seen_at = to_timestamp($7), resolved_at = $8, updated_at = now() WHERE id = $1`,
    [
      id,
      resolvedAt ? 'resolved' : 'updated',
      text.severity,
      text.title ?? null,
      text.message,
      JSON.stringify(text.evidence),
      lastSeenMs / 1000,
      resolvedAt,
    ],
  );
}

async function resolveRow(tx: Queryable, id: number, lastSeenMs: number): Promise<void> {
  await tx.query(
    `UPDATE insights SET status = 'resolved', resolved_at = to_timestamp($2), updated_at = now() WHERE id = $1`,
    [id, (lastSeenMs + HOUR_MS) / 1000],
  );
}

/** Hourly mean of each series from the 1 h rollups, in time order. */
async function readHours(
  tx: Queryable,
  ids: number[],
  fromMs: number,
  toMs: number,
): Promise<Map<number, Array<[number, number]>>> {
  const out = new Map<number, Array<[number, number]>>();
  if (ids.length === 0) return out;
  const { rows } = await tx.query<{ s: number; t: number; v: number }>(
    `SELECT series_id AS s, date_part('epoch', bucket) * 1000 AS t, sum / count AS v FROM rollups
     WHERE series_id = ANY($1::int[]) AND resolution = 3600 AND bucket >= to_timestamp($2) AND bucket < to_timestamp($3)
     ORDER BY series_id, bucket`,
    [ids, fromMs / 1000, toMs / 1000],
  );
  for (const r of rows) {
    let list = out.get(r.s);
    if (!list) out.set(r.s, (list = []));
    list.push([Number(r.t), Number(r.v)]);
  }
  return out;
}

/** A failed run is recorded outside the rolled-back transaction, so the model's last run says so. */
export async function recordFailedRun(db: Db, orgId: number, model: string, err: unknown): Promise<void> {
  await db.query(
    `INSERT INTO analysis_runs (org_id, model, status, finished_at, error) VALUES ($1, $2, 'failed', now(), $3)`,
    [orgId, model, err instanceof Error ? err.message : String(err)],
  );
}
