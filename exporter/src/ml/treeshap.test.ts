import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumerateShapValues } from './shapley-enumeration';
import { loadTreeEnsemble, parseTreeEnsemble, predictMargin } from './tree-ensemble';
import { shapValues, topContributions } from './treeshap';

const MODEL_DIR = join(__dirname, '../../../models/credit-default/v1');

interface ParityRow {
  kind: string;
  x: (number | null)[];
  margin: number;
  probability: number;
  contribs: number[];
}

const small = parseTreeEnsemble({
  format: 'kpilens-trees/1',
  base_margin: 0.25,
  features: ['a', 'b', 'c'],
  trees: [
    {
      // a < 0.5 ? (b < 2 ? 1 : -1) : (a < 0.8 ? 0.5 : -2); NaN in a goes right, in b left
      left: [1, 3, 5, -1, -1, -1, -1],
      right: [2, 4, 6, -1, -1, -1, -1],
      feature: [0, 1, 0, 0, 0, 0, 0],
      threshold: [0.5, 2, 0.8, 0, 0, 0, 0],
      value: [0, 0, 0, 1, -1, 0.5, -2],
      default_left: [0, 1, 1, 0, 0, 0, 0],
      cover: [100, 60, 40, 45, 15, 30, 10],
    },
    {
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      feature: [2, 0, 1, 0, 0],
      threshold: [10, 0, 1, 0, 0],
      value: [0, 0.3, 0, -0.4, 0.2],
      default_left: [1, 0, 0, 0, 0],
      cover: [100, 70, 30, 20, 10],
    },
  ],
});

describe('TreeSHAP on small trees', () => {
  it('gives a single split its whole effect and the cover-weighted mean as bias', () => {
    const one = parseTreeEnsemble({
      format: 'kpilens-trees/1',
      base_margin: 0,
      features: ['a'],
      trees: [
        {
          left: [1, -1, -1],
          right: [2, -1, -1],
          feature: [0, 0, 0],
          threshold: [0.5, 0, 0],
          value: [0, 1, -1],
          default_left: [0, 0, 0],
          cover: [40, 30, 10],
        },
      ],
    });
    expect(Array.from(shapValues(one, [0.2]))).toEqual([0.5, 0.5]);
    expect(Array.from(shapValues(one, [0.5]))).toEqual([-1.5, 0.5]); // on the threshold: right
  });

  it.each([
    [[0.2, 1, 5]],
    [[0.2, 3, 20]],
    [[0.6, 1, 20]],
    [[0.9, NaN, 11]],
    [[NaN, NaN, NaN]],
    [[0.5, 2, 10]],
  ])('equals Shapley values by subset enumeration for %j', (x) => {
    const phi = shapValues(small, x);
    const expected = enumerateShapValues(small, x);
    expected.forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 12));
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(predictMargin(small, x), 12);
  });
});

describe('TreeSHAP against XGBoost pred_contribs (parity set)', () => {
  const ensemble = loadTreeEnsemble(join(MODEL_DIR, 'trees.json'));
  const parity = JSON.parse(readFileSync(join(MODEL_DIR, 'parity.json'), 'utf8')) as {
    features: string[];
    rows: ParityRow[];
  };
  const rows = parity.rows.map((r) => ({ ...r, x: r.x.map((v) => (v === null ? NaN : v)) }));

  it('covers held-out rows, missing values and values on thresholds', () => {
    expect(new Set(rows.map((r) => r.kind))).toEqual(
      new Set(['heldout', 'missing', 'all_missing', 'on_threshold']),
    );
    expect(parity.features).toEqual(ensemble.features);
  });

  it('sums to the margin and matches every contribution within 1e-4', () => {
    let worst = 0;
    for (const r of rows) {
      const phi = shapValues(ensemble, r.x);
      expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(r.margin, 4);
      phi.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - r.contribs[i]))));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('finds the same top 3 factors as XGBoost', () => {
    for (const r of rows) {
      const ours = topContributions(ensemble, shapValues(ensemble, r.x)).map((c) => c.feature);
      const theirs = topContributions(ensemble, r.contribs).map((c) => c.feature);
      expect(ours).toEqual(theirs);
    }
  });
});
