// reference.json beside a model: the training distribution of its features, for live drift (PSI).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCreditDefaultCsv } from './credit-default';
import { type DriftReference, driftReference } from './drift';
import { FEATURE_NAMES } from './features';
import { creditDefaultExamples } from './training-set';

export const REFERENCE_FILE = 'reference.json';

/** The reference from the rows the model was trained on (every row but the held-out test ids). */
export function creditDefaultReference(
  file: string,
  modelDir: string,
): { reference: DriftReference; rows: number } {
  const split = JSON.parse(readFileSync(join(modelDir, 'split.json'), 'utf8')) as { test_ids: string[] };
  const heldOut = new Set(split.test_ids);
  const examples = creditDefaultExamples(readCreditDefaultCsv(file).filter((r) => !heldOut.has(r.id)));
  return {
    reference: driftReference(
      examples.map((e) => e.features),
      FEATURE_NAMES,
    ),
    rows: examples.length,
  };
}

// JSON has no NaN or Infinity: edges are finite by construction (quantiles of present values).
export function writeDriftReference(modelDir: string, reference: DriftReference): void {
  writeFileSync(join(modelDir, REFERENCE_FILE), JSON.stringify(reference) + '\n');
}

/** The model's reference, or undefined when it ships none or one for other features (drift is then not reported). */
export function readDriftReference(modelDir: string): DriftReference | undefined {
  const path = join(modelDir, REFERENCE_FILE);
  if (!existsSync(path)) return undefined;
  const ref = JSON.parse(readFileSync(path, 'utf8')) as DriftReference;
  const same =
    ref.features.length === FEATURE_NAMES.length && ref.features.every((f, i) => f === FEATURE_NAMES[i]);
  return same ? ref : undefined;
}
