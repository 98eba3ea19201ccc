// Live quality of the payment-risk model: once the invoice a score predicted has come due, whether it
// was paid on time is known, and the predictions made before give realized ROC-AUC, Brier and
// calibration error per model version.
import type { Queryable } from '../db/db';
import { type AccountHistory, settleInvoices } from '../ml/features';
import { type Evaluation, evaluatePredictions } from '../ml/metrics';
import { loadHistories } from './store';

/** Predictions whose invoice came due within this many days count (older ones describe an old model). */
export const REALIZED_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/** 1 when the invoice was paid by its due date, 0 when not; undefined while it is not due by `now`. */
export function outcomeOf(history: AccountHistory, invoiceId: string, now: Date): 0 | 1 | undefined {
  const invoice = history.invoices.find((i) => i.id === invoiceId);
  if (!invoice || invoice.dueAt.getTime() > now.getTime()) return undefined;
  // The same rule as the training labels: payments up to the due date settle it or not.
  const state = settleInvoices(history, invoice.dueAt).find((s) => s.invoice.id === invoiceId);
  return state?.settledAt !== undefined ? 1 : 0;
}

export interface RealizedPrediction {
  modelVersion: string;
  probability: number;
  onTime: 0 | 1;
}

/** Quality per model version; versions without any outcome yet are absent. */
export function qualityByVersion(rows: readonly RealizedPrediction[]): Map<string, Evaluation> {
  const per = new Map<string, { p: number[]; y: number[] }>();
  for (const r of rows) {
    const v = per.get(r.modelVersion) ?? { p: [], y: [] };
    v.p.push(r.probability);
    v.y.push(r.onTime);
    per.set(r.modelVersion, v);
  }
  return new Map([...per].map(([version, { p, y }]) => [version, evaluatePredictions(p, y)]));
}

/**
 * Realized quality from the database as of `now`: for each invoice that came due in the window, the
 * last prediction of each model version made before its due date (an hourly schedule scores the same
 * invoice many times; the final forecast is the one that counts), with the outcome from the stored
 * payments.
 */
export async function measureRealizedQuality(
  q: Queryable,
  now: Date,
  windowDays = REALIZED_WINDOW_DAYS,
  /** one organization's predictions only (the API); all of them by default (the metrics) */
  orgId?: number,
): Promise<Map<string, Evaluation>> {
  const { rows } = await q.query<{ org_id: number; a: string; inv: string; v: string; p: number }>(
    `SELECT DISTINCT ON (s.org_id, s.account_id, s.invoice_id, s.model_version)
            s.org_id, s.account_id AS a, s.invoice_id AS inv, s.model_version AS v, s.probability AS p
     FROM account_scores s
     JOIN invoices i ON i.org_id = s.org_id AND i.id = s.invoice_id AND i.account_id = s.account_id
     WHERE i.due_at <= to_timestamp($1 / 1000.0) AND i.due_at > to_timestamp($2 / 1000.0)
       AND s.scored_at < i.due_at AND s.probability IS NOT NULL AND ($3::int IS NULL OR s.org_id = $3)
     ORDER BY s.org_id, s.account_id, s.invoice_id, s.model_version, s.scored_at DESC`,
    [now.getTime(), now.getTime() - windowDays * DAY_MS, orgId ?? null],
  );
  const byOrg = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byOrg.get(r.org_id);
    if (list) list.push(r);
    else byOrg.set(r.org_id, [r]);
  }
  const realized: RealizedPrediction[] = [];
  for (const [orgId, preds] of byOrg) {
    const histories = await loadHistories(q, orgId, [...new Set(preds.map((r) => r.a))]);
    for (const r of preds) {
      const h = histories.get(r.a);
      const onTime = h && outcomeOf(h, r.inv, now);
      if (onTime !== undefined) realized.push({ modelVersion: r.v, probability: r.p, onTime });
    }
  }
  return qualityByVersion(realized);
}
