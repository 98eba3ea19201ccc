// The scheduled scoring pass: every account of every organization scored as of one time slot, in
// batches (one query per table per batch), once across replicas.
import type { Db, Queryable } from '../db/db';
import { DriftCounter } from '../ml/drift';
import { readDriftReference } from '../ml/drift-reference';
import type { Evaluation } from '../ml/metrics';
import type { RiskSummaryRow } from './risk-summary';
import type { ExporterMetrics } from '../metrics/registry';
import type { ModelHolder } from './model-holder';
import type { AccountHistory } from '../ml/features';
import { type ScoringObserver, scoreHistories } from './scoring';
import { loadHistoryPage, writeScores } from './store';

// Any constant works: every replica must use the same one (migrations use 7351001, events 7351003).
export const SCORING_LOCK = 7351004;
export const SCORING_BATCH = 5000;

export interface PassResult {
  /** false when another replica holds the pass or this slot was already scored */
  ran: boolean;
  scored: number;
  /** PSI per feature of this pass against the model's training data (absent without reference.json) */
  drift?: Map<string, number>;
  modelVersion?: string;
  /** where the pass spent its time: waiting for reads, scoring (CPU), waiting for writes */
  waits?: { readMs: number; scoreMs: number; writeMs: number };
}

/** The start of the schedule slot `now` falls in: replicas ticking at different moments agree on it. */
export function slotOf(nowMs: number, intervalMs: number): number {
  return Math.floor(nowMs / intervalMs) * intervalMs;
}

/**
 * Publishes realized quality per model version. AUC needs both outcomes: with one class only it is
 * left out rather than reported as a made-up figure.
 */
export function reportQuality(metrics: ExporterMetrics, quality: ReadonlyMap<string, Evaluation>): void {
  for (const g of [
    metrics.mlModelAccuracy,
    metrics.mlModelBrier,
    metrics.mlModelCalibrationError,
    metrics.mlRealizedOutcomes,
  ])
    g.reset();
  for (const [version, e] of quality) {
    const labels = { model_version: version };
    if (Number.isFinite(e.auc)) metrics.mlModelAccuracy.set(labels, e.auc);
    metrics.mlModelBrier.set(labels, e.brier);
    metrics.mlModelCalibrationError.set(labels, e.ece);
    metrics.mlRealizedOutcomes.set(labels, e.rows);
  }
}

export function reportRiskSummary(metrics: ExporterMetrics, rows: readonly RiskSummaryRow[]): void {
  metrics.mlAccountsAtRisk.reset();
  metrics.mlRevenueAtRisk.reset();
  for (const r of rows) {
    const labels = { org: r.org, risk_level: r.level };
    metrics.mlAccountsAtRisk.set(labels, r.accounts);
    metrics.mlRevenueAtRisk.set(labels, r.revenue);
  }
}

/** Drift of the last pass this replica ran (the pass runs on one replica at a time). */
export function reportDrift(metrics: ExporterMetrics, pass: PassResult): void {
  if (!pass.drift || !pass.modelVersion || pass.drift.size === 0) return;
  metrics.mlFeatureDrift.reset();
  for (const [feature, value] of pass.drift)
    metrics.mlFeatureDrift.set({ feature, model_version: pass.modelVersion }, value);
}

export function metricsObserver(metrics: ExporterMetrics): ScoringObserver {
  return (scores, modelVersion, seconds) => {
    const per = new Map<string, number>();
    for (const s of scores) per.set(s.level, (per.get(s.level) ?? 0) + 1);
    for (const [level, n] of per)
      metrics.mlPredictions.inc({ risk_level: level, model_version: modelVersion }, n);
    metrics.mlPredictionDuration.observe({ model_version: modelVersion }, seconds);
  };
}

interface Batch {
  histories: AccountHistory[];
  last: string;
  full: boolean;
  ms: number;
}

/**
 * A promise awaited later, maybe after it failed: marked handled now, so the failure is not reported as
 * unhandled in the meantime (the later await still throws it).
 */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

async function scoreEverything(
  q: Queryable,
  models: ModelHolder,
  asOf: Date,
  batch: number,
  observe?: ScoringObserver,
): Promise<PassResult> {
  const done = await q.query(
    'SELECT 1 FROM account_scores WHERE scored_at = to_timestamp($1 / 1000.0) LIMIT 1',
    [asOf.getTime()],
  );
  if (done.rows.length > 0) return { ran: false, scored: 0 };
  const orgs = await q.query<{ org_id: number }>('SELECT DISTINCT org_id FROM accounts ORDER BY org_id');
  // No accounts: the model is not even opened.
  if (orgs.rows.length === 0) return { ran: true, scored: 0 };
  return models.use(async ({ model, version }) => {
    const reference = readDriftReference(model.dir);
    const counter = reference && new DriftCounter(reference);
    const observeAll: ScoringObserver = (scores, v, seconds, features) => {
      for (const row of features) counter?.add(row);
      observe?.(scores, v, seconds, features);
    };
    let scored = 0;
    const waits = { readMs: 0, scoreMs: 0, writeMs: 0 };
    const waited = async <T>(key: keyof typeof waits, p: Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await p;
      } finally {
        waits[key] += performance.now() - t;
      }
    };
    for (const { org_id: orgId } of orgs.rows) {
      // Pipelined: the next batch is read and the previous one written while this one is scored, so the
      // database and the scoring (CPU) work at the same time; at most one batch of each is in flight.
      const read = async (after?: string): Promise<Batch | null> => {
        const t0 = performance.now();
        const { histories, last, full } = await loadHistoryPage(q, orgId, batch, after);
        if (last === undefined) return null;
        return { histories, last, full, ms: performance.now() - t0 };
      };
      let next = settled(read());
      let writing = settled(Promise.resolve());
      for (;;) {
        const current = await waited('readMs', next);
        if (!current) break;
        next = settled(current.full ? read(current.last) : Promise.resolve(null));
        const t0 = performance.now();
        const { scores, features } = await scoreHistories(model, version, current.histories, asOf);
        const scoredMs = performance.now() - t0;
        waits.scoreMs += scoredMs;
        await waited('writeMs', writing);
        const t1 = performance.now();
        writing = settled(
          writeScores(q, orgId, scores).then(() => {
            // a batch's duration: its read, its scoring and its write, not the time spent queued
            const seconds = (current.ms + scoredMs + performance.now() - t1) / 1000;
            observeAll(scores, version, seconds, features);
          }),
        );
        scored += scores.length;
      }
      await waited('writeMs', writing);
    }
    return { ran: true, scored, modelVersion: version, drift: counter?.psiByFeature(), waits };
  });
}

/**
 * Scores every account as of `asOf` unless that slot is done. On PostgreSQL the pass holds a
 * transaction-level advisory lock (released however the pass ends), so one replica runs it and the
 * others skip; its scores appear together at commit. PGlite has one process by construction, and one
 * long transaction there would hold up every other statement, so batches are written as they go.
 */
export async function runScoringPass(
  db: Db,
  models: ModelHolder,
  asOf: Date,
  opts: { batch?: number; observe?: ScoringObserver } = {},
): Promise<PassResult> {
  const batch = opts.batch ?? SCORING_BATCH;
  if (db.kind === 'pglite') return scoreEverything(db, models, asOf, batch, opts.observe);
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      SCORING_LOCK,
    ]);
    if (!lock.rows[0]?.ok) return { ran: false, scored: 0 };
    return scoreEverything(tx, models, asOf, batch, opts.observe);
  });
}
