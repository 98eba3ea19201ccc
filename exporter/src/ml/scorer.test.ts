/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_COUNT } from './features';
import { ModelRejectedError, PaymentRiskModel, creditDefaultModelDir } from './scorer';
import { shapValues } from './treeshap';

const dir = creditDefaultModelDir();
const parity = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8')) as {
  rows: { kind: string; x: (number | null)[]; probability: number; margin: number; contribs: number[] }[];
};
const xs = parity.rows.map((r) => r.x.map((v) => (v === null ? NaN : v)));

describe('PaymentRiskModel', () => {
  let model: PaymentRiskModel;
  beforeAll(async () => {
    model = await PaymentRiskModel.load(dir);
  });
  afterAll(() => model.close());

  it('matches XGBoost probabilities on every parity row within 1e-5', async () => {
    const { probability, margin } = await model.predict(xs);
    parity.rows.forEach((r, i) => {
      expect(Math.abs(probability[i] - r.probability)).toBeLessThan(1e-5);
      expect(Math.abs(margin[i] - r.margin)).toBeLessThan(1e-4);
    });
    const kinds = new Set(parity.rows.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['heldout', 'missing', 'all_missing', 'on_threshold']));
  });

  it('gives the same answer one row at a time as in a batch', async () => {
    const batch = await model.predict(xs.slice(0, 20));
    for (let i = 0; i < 20; i++) {
      const one = await model.predict([xs[i]]);
      expect(one.probability[0]).toBe(batch.probability[i]);
    }
  });

  it('explains with the top three TreeSHAP factors', () => {
    const top = model.explain(xs[0]);
    expect(top).toHaveLength(3);
    const phi = shapValues(model.trees, xs[0]);
    expect(top[0].value).toBe(phi[top[0].index]);
    expect(Math.abs(top[0].value)).toBeGreaterThanOrEqual(Math.abs(top[2].value));
  });

  it('refuses rows of the wrong width', async () => {
    await expect(model.predict([[1, 2, 3]])).rejects.toThrow(/3 features/);
  });
});

describe('PaymentRiskModel.load refuses broken models', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kpilens-model-'));
    cpSync(dir, tmp, { recursive: true });
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const refused = async (pattern: RegExp) => {
    const err = await PaymentRiskModel.load(tmp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelRejectedError);
    expect((err as Error).message).toMatch(pattern);
  };

  it('with a corrupt ONNX file', async () => {
    const bytes = readFileSync(join(tmp, 'model.onnx'));
    writeFileSync(join(tmp, 'model.onnx'), bytes.subarray(0, bytes.length / 2));
    await refused(/model.onnx does not load/);
  });

  it('with a feature list other than the builder', async () => {
    const f = JSON.parse(readFileSync(join(tmp, 'features.json'), 'utf8'));
    f.features = [...f.features.slice(1), f.features[0]];
    writeFileSync(join(tmp, 'features.json'), JSON.stringify(f));
    await refused(new RegExp(`features differ .*${FEATURE_COUNT} features`));
  });

  it('with trees that do not match the ONNX model', async () => {
    const t = JSON.parse(readFileSync(join(tmp, 'trees.json'), 'utf8'));
    t.trees[0].value = t.trees[0].value.map((v: number) => v + 0.01);
    writeFileSync(join(tmp, 'trees.json'), JSON.stringify(t));
    await refused(/trees.json disagrees/);
  });

  it('with parity rows the model does not reproduce', async () => {
    const p = JSON.parse(readFileSync(join(tmp, 'parity.json'), 'utf8'));
    p.rows[3].probability += 0.001;
    writeFileSync(join(tmp, 'parity.json'), JSON.stringify(p));
    await refused(/parity row 3/);
  });

  it('with a file missing', async () => {
    rmSync(join(tmp, 'parity.json'));
    await refused(/parity.json is missing/);
  });
});
