import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_NAMES } from '../../src/ml/features';
import { creditDefaultModelDir } from '../../src/ml/scorer';

/** A models root with the shipped model as v1 and v2, a truncated one and one built for other features. */
export function modelsRootFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'kpilens-models-'));
  const shipped = creditDefaultModelDir();
  for (const v of ['v1', 'v2', 'corrupt', 'mismatch'])
    cpSync(shipped, join(root, 'credit-default', v), { recursive: true });
  const onnx = join(root, 'credit-default', 'corrupt', 'model.onnx');
  writeFileSync(onnx, readFileSync(onnx).subarray(0, 1000));
  writeFileSync(
    join(root, 'credit-default', 'mismatch', 'features.json'),
    JSON.stringify({ features: [...FEATURE_NAMES].reverse() }),
  );
  return root;
}
