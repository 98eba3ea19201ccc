// reference.json beside a model: the training distribution of its features, for live drift (PSI).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type DriftReference, driftReference } from './drift';
import { FEATURE_NAMES } from './features';
import { LABEL_COLUMN } from './training-set';

export const REFERENCE_FILE = 'reference.json';

/**
 * The reference from the rows the model was trained on: a training set written by export-training-set,
 * every row but the model's held-out test ids (its split.json).
 */
export function trainingSetReference(
  file: string,
  modelDir: string,
): { reference: DriftReference; rows: number } {
  const split = JSON.parse(readFileSync(join(modelDir, 'split.json'), 'utf8')) as { test_ids: string[] };
  const heldOut = new Set(split.test_ids);
  const [header, ...lines] = parse(readFileSync(file, 'utf8'), { skip_empty_lines: true }) as string[][];
  const want = ['account_id', ...FEATURE_NAMES, LABEL_COLUMN];
  if (header.length !== want.length || header.some((c, i) => c !== want[i]))
    throw new Error(`${file}: expected the columns of export-training-set (${want.join(',')})`);
  // Empty cells are missing values (NaN), as train.py reads them.
  const features = lines
    .filter((cells) => !heldOut.has(cells[0]))
    .map((cells) => cells.slice(1, -1).map((c) => (c === '' ? NaN : Number(c))));
  return { reference: driftReference(features, FEATURE_NAMES), rows: features.length };
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
