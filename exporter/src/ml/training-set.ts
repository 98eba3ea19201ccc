// Training rows for the payment-risk model, written as CSV for training/train.py. The rows come
// from stored histories (accounts/training-export.ts) through the shared feature builder.
import { writeFileSync } from 'node:fs';
import { type AccountHistory, CENT, FEATURE_NAMES, buildFeatures, settleInvoices } from './features';

export interface TrainingExample {
  accountId: string;
  features: number[];
  /** 1 when the next invoice was paid on time, 0 when not. */
  onTime: 0 | 1;
}

export const LABEL_COLUMN = 'on_time';

export function trainingExample(history: AccountHistory, asOf: Date, onTime: boolean): TrainingExample {
  return { accountId: history.accountId, features: buildFeatures(history, asOf), onTime: onTime ? 1 : 0 };
}

/**
 * Training rows from a stored account history: one per invoice whose due date has passed by `now`
 * (and after `dueAfter` when given) that asked for a payment, with the features as of the invoice's issue date (the moment it
 * became the "next invoice" to predict, exactly as serving sees it) and as label whether the amount due
 * was paid by the due date.
 */
export function invoiceOutcomeExamples(
  history: AccountHistory,
  now: Date,
  dueAfter?: Date,
): TrainingExample[] {
  const out: TrainingExample[] = [];
  const invoices = [...history.invoices].sort(
    (a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const inv of invoices) {
    if (inv.dueAt.getTime() > now.getTime()) continue;
    if (dueAfter !== undefined && inv.dueAt.getTime() <= dueAfter.getTime()) continue;
    // An invoice requiring nothing (zero, a credit) is settled when issued: no payment behaviour to learn.
    if ((inv.minimumDue ?? inv.amount) <= CENT) continue;
    // Replaying payments up to the due date settles the invoice only if it was paid on time.
    const state = settleInvoices(history, inv.dueAt).find((s) => s.invoice.id === inv.id);
    out.push(trainingExample(history, inv.issuedAt, state?.settledAt !== undefined));
  }
  return out;
}

// Empty cells are missing values for pandas and XGBoost; JavaScript's number text round-trips doubles.
function cell(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

export function trainingSetCsv(examples: readonly TrainingExample[]): string {
  const lines = [['account_id', ...FEATURE_NAMES, LABEL_COLUMN].join(',')];
  for (const e of examples) {
    if (/[",\n]/.test(e.accountId))
      throw new Error(`account id not CSV-safe: ${JSON.stringify(e.accountId)}`);
    lines.push([e.accountId, ...e.features.map(cell), String(e.onTime)].join(','));
  }
  return lines.join('\n') + '\n';
}

export function writeTrainingSet(path: string, examples: readonly TrainingExample[]): void {
  writeFileSync(path, trainingSetCsv(examples));
}
