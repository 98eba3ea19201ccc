// Scores accounts from their stored histories: features from the one feature builder, probabilities
// from the ONNX model in one batch, the top factors from TreeSHAP, levels from risk.ts, stored after.
import type { RiskLevel } from '@kpilens/contract';
import type { Queryable } from '../db/db';
import { type AccountHistory, type Invoice, buildFeatures } from '../ml/features';
import { RISK_LEVELS, UNKNOWN_RISK, type RiskAssessment, assessRisk } from '../ml/risk';
import type { PaymentRiskModel } from '../ml/scorer';
import { type StoredScore, loadHistories, writeScores } from './store';

/** The invoice being predicted, as the feature builder picks it: the latest issued one not yet due. */
export function nextInvoice(history: AccountHistory, asOf: Date): Invoice | undefined {
  const t = asOf.getTime();
  return history.invoices
    .filter((i) => i.issuedAt.getTime() <= t && i.dueAt.getTime() > t)
    .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
}

// CPU work is cut into slices that yield to the event loop, so the database queries a pass queues
// meanwhile (the next batch's histories, the last batch's scores) make progress on the other core.
const SLICE = 250;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Assessments of many histories at one date, with a single model call for the whole batch. */
export async function assessHistories(
  model: PaymentRiskModel,
  histories: readonly AccountHistory[],
  asOf: Date,
): Promise<{ features: number[][]; assessments: RiskAssessment[]; next: (Invoice | undefined)[] }> {
  const features: number[][] = [];
  for (let i = 0; i < histories.length; i++) {
    if (i > 0 && i % SLICE === 0) await yieldToLoop();
    features.push(buildFeatures(histories[i], asOf));
  }
  const { probability } = await model.predict(features);
  const next = histories.map((h) => nextInvoice(h, asOf));
  const assessments: RiskAssessment[] = [];
  for (let i = 0; i < histories.length; i++) {
    if (i > 0 && i % SLICE === 0) await yieldToLoop();
    assessments.push(assessRisk(features[i], probability[i], model.explain(features[i], 3), next[i]?.dueAt));
  }
  return { features, assessments, next };
}

/** Scores of loaded histories (not stored yet) and their feature rows, same order. */
export async function scoreHistories(
  model: PaymentRiskModel,
  modelVersion: string,
  histories: readonly AccountHistory[],
  asOf: Date,
): Promise<{ scores: StoredScore[]; features: number[][] }> {
  const { features, assessments, next } = await assessHistories(model, histories, asOf);
  const scores = histories.map((h, i) =>
    toStoredScore(h.accountId, modelVersion, asOf.getTime(), assessments[i], next[i]?.id ?? null),
  );
  return { scores, features };
}

export function toStoredScore(
  accountId: string,
  modelVersion: string,
  scoredAt: number,
  a: RiskAssessment,
  invoiceId: string | null = null,
): StoredScore {
  return {
    accountId,
    modelVersion,
    scoredAt,
    invoiceId,
    probability: Number.isFinite(a.probability) ? a.probability : null,
    level: a.level,
    expectedPaymentDate: a.expectedPaymentDate?.getTime() ?? null,
    confidence: a.confidence,
    // JSON turns a missing feature value (NaN) into null.
    factors: JSON.parse(JSON.stringify(a.factors)) as unknown[],
  };
}

/** Told about every batch scored (the exporter counts them in its metrics). */
export type ScoringObserver = (
  scores: readonly StoredScore[],
  modelVersion: string,
  seconds: number,
  /** the feature rows of `scores`, same order (for drift) */
  features: readonly number[][],
) => void;

/**
 * Loads, scores and stores the given accounts of one organization as of `asOf`; returns the scores
 * of those that exist.
 */
export async function scoreAccounts(
  db: Queryable,
  model: PaymentRiskModel,
  modelVersion: string,
  orgId: number,
  ids: string[],
  asOf: Date,
  observe?: ScoringObserver,
): Promise<StoredScore[]> {
  const started = performance.now();
  const histories = [...(await loadHistories(db, orgId, ids)).values()];
  const { scores, features } = await scoreHistories(model, modelVersion, histories, asOf);
  await writeScores(db, orgId, scores);
  observe?.(scores, modelVersion, (performance.now() - started) / 1000, features);
  return scores;
}

/** Badge and colour of a stored level (they are presentation, so not stored). */
export function levelStyle(level: string): { level: RiskLevel; badge: string; color: string } {
  const s = RISK_LEVELS.find((r) => r.level === level) ?? UNKNOWN_RISK;
  return { level: s.level, badge: s.badge, color: s.color };
}
