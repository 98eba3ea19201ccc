// Runs a shipped model over a credit-default file through the production path (the converter, the
// CSV import into a throwaway database, the feature builder on the stored histories, ONNX Runtime)
// and reports ROC-AUC, Brier score and ECE. The metrics themselves are in metrics.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCreditDefaultCsv } from './credit-default';
import { creditDefaultExamplesThroughImport } from './credit-default-import';
import { type Evaluation, evaluatePredictions } from './metrics';
import { PaymentRiskModel, creditDefaultModelDir } from './scorer';

export interface EvaluateOptions {
  /** Model folder; the shipped credit-default model by default. */
  modelDir?: string;
  /** Only the clients the model's training held out (its split.json), for figures comparable to its card. */
  heldOutOnly?: boolean;
}

export interface EvaluationReport extends Evaluation {
  model: string;
  positiveRate: number;
  /** Clients of the file with nothing to pay in October (no outcome row, see docs/ml.md). */
  nothingDue: number;
  seconds: number;
}

export async function evaluateCreditDefault(
  file: string,
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const started = process.hrtime.bigint();
  const modelDir = options.modelDir ?? creditDefaultModelDir();
  let rows = readCreditDefaultCsv(file);
  if (options.heldOutOnly) {
    const split = JSON.parse(readFileSync(join(modelDir, 'split.json'), 'utf8')) as { test_ids: string[] };
    const heldOut = new Set(split.test_ids);
    rows = rows.filter((r) => heldOut.has(r.id));
  }
  if (rows.length === 0) throw new Error(`no rows to evaluate in ${file}`);
  const examples = await creditDefaultExamplesThroughImport(rows);
  if (examples.length === 0) throw new Error(`no client in ${file} owes anything in October`);
  const model = await PaymentRiskModel.load(modelDir);
  try {
    const { probability } = await model.predict(examples.map((e) => e.features));
    const labels = examples.map((e) => e.onTime);
    return {
      ...evaluatePredictions(probability, labels),
      model: modelDir,
      positiveRate: labels.reduce<number>((a, b) => a + b, 0) / labels.length,
      nothingDue: rows.length - examples.length,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    await model.close();
  }
}

/** Lines for the terminal; the last is JSON `{"rows", "auc", "brier", "ece"}` for scripts. */
export function formatEvaluation(r: EvaluationReport): string[] {
  return [
    `model        ${r.model}`,
    `rows         ${r.rows} (${(r.positiveRate * 100).toFixed(1)}% paid on time; ${r.nothingDue} client(s) owing nothing in October left out)`,
    `ROC-AUC      ${r.auc.toFixed(4)}`,
    `Brier        ${r.brier.toFixed(4)}`,
    `ECE          ${r.ece.toFixed(4)} (10 bins)`,
    `time         ${r.seconds.toFixed(2)} s (import into a scratch database, features, inference)`,
    JSON.stringify({ rows: r.rows, auc: r.auc, brier: r.brier, ece: r.ece }),
  ];
}
