import type { AnalyzeResult, Insight, Severity } from '@kpilens/contract';
import type { Db, Queryable } from '../db/db';
import { pendingRollups, runRollups } from '../store/rollups';
import type { AnomalyOptions } from './anomaly-findings';
import { learningsInvolving, storeForecasts, storeLearnings, storeScores } from './analysis-store';
import type { ModelCatalog } from './catalog';
import { readOnlySeries } from './fetch-series';
import { listInsights } from './insights-store';
import type { Finding, KpiModel, ModelData, RecommendationDraft } from './kpi-model';

// Advisory lock class of model analyses (the second key is a hash of org and model): one replica at a time
// analyses a model of an organization; the others skip instead of waiting to do the same work again.
const ANALYSIS_LOCK = 7351003;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
// 1970-01-01 was a Thursday: weeks are aligned to Monday 00:00 UTC.
const MONDAY_OFFSET_MS = 4 * DAY_MS;

export interface AnalysisOptions extends AnomalyOptions {
  nowMs?: number;
  /** History replayed through the anomaly detector (insights are raised after its first three weeks). */
  lookbackDays?: number;
  /** History read for trends, forecasts and learnings (at least the anomaly replay). */
  historyDays?: number;
  /** Schedule slot of a scheduled run: a slot already run (by any replica) is not run again. */
  slot?: number;
  /** The other models, whose series this model's learnings are about. */
  catalog?: ModelCatalog;
}

// Three weeks of warm-up (conditions.ts) plus three to four weeks in which insights are raised.
export const DEFAULT_LOOKBACK_DAYS = 42;
// Forecasts up to 90 days want at least as much history; learnings want a few months of daily pairs.
export const DEFAULT_HISTORY_DAYS = 91;
/** A learning not confirmed for this long no longer makes an insight. */
const LEARNING_FRESH_MS = 7 * DAY_MS;

/**
 * The result of a run, with what the API does not show: opened insights by severity, and the model's
 * recommendation drafts (`KpiModel.generateRecommendations`), which the service gates and stores.
 */
export interface RunResult extends AnalyzeResult {
  openedBySeverity: Partial<Record<Severity, number>>;
  recommendations: RecommendationDraft[];
}

/**
 * Where the replay starts: the lookback rounded down to a Monday, so every run of the same week replays
 * from the same point and finds the same conditions with the same start times (the dedup key).
 */
export function replayOrigin(nowMs: number, lookbackDays: number): number {
  const t = nowMs - lookbackDays * DAY_MS - MONDAY_OFFSET_MS;
  return Math.floor(t / WEEK_MS) * WEEK_MS + MONDAY_OFFSET_MS;
}

interface InsightRow {
  id: number;
  condition_key: string;
  status: string;
  started_ms: number;
  last_seen_ms: number;
}

/**
 * Analyses one model of one organization under an advisory lock (concurrent replicas never analyse the
 * same model at once; the loser answers ran: false): fetchMetrics, analyseKpi, then one insight per
 * condition opened, updated or resolved; forecasts and anomaly scores replaced; learnings shared and the
 * other models' learnings used; recommendation drafts made from the active insights.
 */
export async function analyzeModel(
  db: Db,
  orgId: number,
  model: KpiModel,
  opts: AnalysisOptions = {},
): Promise<RunResult> {
  const started = performance.now();
  const nowMs = opts.nowMs ?? Date.now();
  const origin = replayOrigin(nowMs, opts.lookbackDays ?? DEFAULT_LOOKBACK_DAYS);
  const fromMs = Math.min(origin, nowMs - (opts.historyDays ?? DEFAULT_HISTORY_DAYS) * DAY_MS);
  // The analysis reads hourly rollups: fold in what was written since the last rollup pass, for this
  // model's series and the other models' ones its learnings read.
  const models = [model.name, ...(opts.catalog?.names() ?? [])];
  const { rows: own } = await db.query<{ id: number }>(
    'SELECT id FROM series WHERE org_id = $1 AND model = ANY($2::text[])',
    [orgId, models],
  );
  const ids = own.map((s) => s.id);
  if (ids.length > 0 && (await pendingRollups(db, ids)) > 0) await runRollups(db, { seriesIds: ids });

  const result: RunResult = {
    model: model.name,
    ran: false,
    seriesAnalysed: 0,
    opened: 0,
    updated: 0,
    resolved: 0,
    forecasts: 0,
    learnings: 0,
    durationMs: 0,
    openedBySeverity: {},
    recommendations: [],
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
    const fetch = { tx, db, orgId, fromMs, nowMs };
    const data = await model.fetchMetrics(fetch);
    result.seriesAnalysed = data.series.length;
    const analysis = model.analyseKpi(data, { ...opts, replayFromMs: origin });
    await persistEpisodes(tx, orgId, model.name, analysis.episodes, origin, result);

    // Learnings: this model's series leading the other models' ones are published; the ones published
    // about this model's series (it follows) become its learning insights.
    const others = await otherModelsData(opts.catalog, model.name, { ...fetch });
    const drafts = model.shareLearnings(data, others);
    result.learnings = drafts.length;
    await storeLearnings(tx, orgId, model.name, drafts, nowMs, others);
    const involving = await learningsInvolving(tx, orgId, model.name);
    const fresh = involving.filter(
      (l) => l.follower.model === model.name && Date.parse(l.lastConfirmedAt) >= nowMs - LEARNING_FRESH_MS,
    );
    const current = [...analysis.current, ...model.learnFromOtherModels(fresh, nowMs)];
    await persistCurrent(tx, orgId, model.name, current, [...analysis.evaluated, 'learning'], nowMs, result);

    result.forecasts = analysis.forecasts.length;
    await storeForecasts(tx, orgId, model.name, analysis.forecasts, nowMs);
    await storeScores(tx, orgId, model.name, analysis.scores, nowMs);
    // The model's recommendations, from its active insights (learning ones included) and the learnings it
    // takes part in: the service puts them through the quality gate and stores them after the commit.
    result.recommendations = model.generateRecommendations(
      await activeInsights(tx, orgId, model.name),
      involving,
      data,
    );
    await tx.query(
      `UPDATE analysis_runs SET status = 'ok', finished_at = now(), series_analysed = $2 WHERE id = $1`,
      [run.rows[0].id, result.seriesAnalysed],
    );
  });
  result.durationMs = performance.now() - started;
  return result;
}

/** Every active insight of the model, page by page. */
async function activeInsights(tx: Queryable, orgId: number, model: string): Promise<Insight[]> {
  const out: Insight[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listInsights(tx, orgId, { model, status: 'active' }, 1000, offset);
    out.push(...page.insights);
    if (page.insights.length < 1000) return out;
  }
}

/** The KPI series of the organization's other models (read only: no derived points written for them). */
async function otherModelsData(
  catalog: ModelCatalog | undefined,
  self: string,
  fetch: Parameters<KpiModel['fetchMetrics']>[0],
): Promise<ModelData[]> {
  if (!catalog) return [];
  const { rows } = await fetch.tx.query<{ model: string }>(
    'SELECT DISTINCT model FROM series WHERE org_id = $1 AND model = ANY($2::text[]) AND model <> $3',
    [fetch.orgId, catalog.names(), self],
  );
  const out: ModelData[] = [];
  for (const r of rows) out.push(await readOnlySeries(fetch, r.model, catalog.get(r.model)!.kpis));
  return out;
}

function countOpened(result: RunResult, f: Finding): void {
  result.opened++;
  result.openedBySeverity[f.severity] = (result.openedBySeverity[f.severity] ?? 0) + 1;
}

async function insertFinding(
  tx: Queryable,
  orgId: number,
  model: string,
  f: Finding,
): Promise<number | null> {
  const resolvedAt = f.endMs === null ? null : new Date(f.endMs).toISOString();
  const ins = await tx.query<{ id: number }>(
    `INSERT INTO insights (org_id, model, series_id, type, severity, status, condition_key, title, message,
       evidence, started_at, last_seen_at, resolved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, to_timestamp($11), to_timestamp($12), $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      orgId,
      model,
      f.seriesId,
      f.type,
      f.severity,
      resolvedAt ? 'resolved' : 'open',
      f.key,
      f.title,
      f.message,
      JSON.stringify(f.evidence),
      f.startMs / 1000,
      f.lastMs / 1000,
      resolvedAt,
    ],
  );
  return ins.rows[0]?.id ?? null;
}

/**
 * Anomaly episodes of the replay: each is an insight keyed by its condition and start. A re-run finds the
 * same episodes (same start) and only moves them on; an episode of an earlier replay that reaches into
 * one of this replay (seen from another origin) is the same condition and is updated, not raised again.
 */
async function persistEpisodes(
  tx: Queryable,
  orgId: number,
  model: string,
  episodes: readonly Finding[],
  origin: number,
  result: RunResult,
): Promise<void> {
  const existing = await tx.query<InsightRow>(
    `SELECT id, condition_key, status, date_part('epoch', started_at) * 1000 AS started_ms,
            date_part('epoch', last_seen_at) * 1000 AS last_seen_ms
     FROM insights WHERE org_id = $1 AND model = $2 AND type = 'anomaly'
       AND (status <> 'resolved' OR started_at >= to_timestamp($3))`,
    [orgId, model, origin / 1000],
  );
  const byStart = new Map(existing.rows.map((r) => [`${r.condition_key}@${Number(r.started_ms)}`, r]));
  const openByKey = new Map(
    existing.rows.filter((r) => r.status !== 'resolved').map((r) => [r.condition_key, r]),
  );
  const seen = new Set<number>();
  for (const f of episodes) {
    const key = f.key;
    const resolvedAt = f.endMs === null ? null : new Date(f.endMs).toISOString();
    const row = byStart.get(`${key}@${f.startMs}`);
    if (row) {
      seen.add(row.id);
      if (row.status === 'resolved' || (Number(row.last_seen_ms) === f.lastMs && resolvedAt === null))
        continue;
      await updateRow(tx, row.id, f, f.lastMs, resolvedAt);
      if (resolvedAt) result.resolved++;
      else result.updated++;
      continue;
    }
    const stale = openByKey.get(key);
    if (stale && !seen.has(stale.id) && Number(stale.last_seen_ms) >= f.startMs - HOUR_MS) {
      seen.add(stale.id);
      openByKey.delete(key);
      // keeps its title: the condition is the one already announced
      await updateRow(tx, stale.id, { ...f, title: undefined }, f.lastMs, resolvedAt);
      if (resolvedAt) result.resolved++;
      else result.updated++;
      continue;
    }
    // Otherwise a condition of this key still open from an earlier replay ended before this one began.
    if (stale && Number(stale.started_ms) < f.startMs && !seen.has(stale.id)) {
      await resolveRow(tx, stale.id, (Number(stale.last_seen_ms) + HOUR_MS) / 1000);
      seen.add(stale.id);
      openByKey.delete(key);
      result.resolved++;
    }
    const id = await insertFinding(tx, orgId, model, f);
    if (id !== null) {
      seen.add(id);
      countOpened(result, f);
    }
  }
  // Open insights the replay no longer finds (their condition ended and fell out of view): resolved.
  for (const r of openByKey.values()) {
    if (seen.has(r.id)) continue;
    await resolveRow(tx, r.id, (Number(r.last_seen_ms) + HOUR_MS) / 1000);
    result.resolved++;
  }
}

/**
 * Conditions that hold now (peer outliers, trend changes, target risks, learnings): a key found again
 * updates its open insight, a new key opens one, an open key of an evaluated type not found is resolved.
 */
async function persistCurrent(
  tx: Queryable,
  orgId: number,
  model: string,
  findings: readonly Finding[],
  evaluated: readonly string[],
  nowMs: number,
  result: RunResult,
): Promise<void> {
  const { rows } = await tx.query<InsightRow>(
    `SELECT id, condition_key, status, date_part('epoch', started_at) * 1000 AS started_ms,
            date_part('epoch', last_seen_at) * 1000 AS last_seen_ms
     FROM insights WHERE org_id = $1 AND model = $2 AND type = ANY($3::text[]) AND status <> 'resolved'`,
    [orgId, model, evaluated],
  );
  const open = new Map(rows.map((r) => [r.condition_key, r]));
  const found = new Set<string>();
  for (const f of findings) {
    if (found.has(f.key)) continue; // one insight per condition, whatever a model returns
    found.add(f.key);
    const row = open.get(f.key);
    if (row) {
      if (Number(row.last_seen_ms) >= f.lastMs) continue;
      await updateRow(tx, row.id, { ...f, title: undefined }, f.lastMs, null);
      result.updated++;
      continue;
    }
    // A condition back after one of the same key and start was resolved (a trend's window start, found
    // again the same day) starts now instead: the resolved insight stays as it was.
    const id =
      (await insertFinding(tx, orgId, model, { ...f, endMs: null })) ??
      (f.startMs < f.lastMs
        ? await insertFinding(tx, orgId, model, { ...f, startMs: f.lastMs, endMs: null })
        : null);
    if (id !== null) countOpened(result, f);
  }
  for (const r of open.values()) {
    if (found.has(r.condition_key)) continue;
    await resolveRow(tx, r.id, nowMs / 1000);
    result.resolved++;
  }
}

/** Moves an insight to what its condition shows now (updated, or resolved at `resolvedAt`). */
async function updateRow(
  tx: Queryable,
  id: number,
  text: Pick<Finding, 'severity' | 'message' | 'evidence'> & { title?: string },
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

async function resolveRow(tx: Queryable, id: number, resolvedAtSec: number): Promise<void> {
  await tx.query(
    `UPDATE insights SET status = 'resolved', resolved_at = to_timestamp($2), updated_at = now() WHERE id = $1`,
    [id, resolvedAtSec],
  );
}

/** A failed run is recorded outside the rolled-back transaction, so the model's last run says so. */
export async function recordFailedRun(db: Db, orgId: number, model: string, err: unknown): Promise<void> {
  await db.query(
    `INSERT INTO analysis_runs (org_id, model, status, finished_at, error) VALUES ($1, $2, 'failed', now(), $3)`,
    [orgId, model, err instanceof Error ? err.message : String(err)],
  );
}
