import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumerateShapValues } from './shapley-enumeration';
import { loadTreeEnsemble, parseTreeEnsemble, predictMargin } from './tree-ensemble';
import { shapValues, shapValuesByRecursion, topContributions } from './treeshap';

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
    // the leaf tables and the recursion they are computed with agree
    shapValuesByRecursion(small, x).forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 12));
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

  it('gives the same values from the leaf tables as from the recursion, to 1e-12', () => {
    let worst = 0;
    for (const r of rows) {
      const fast = shapValues(ensemble, r.x);
      shapValuesByRecursion(ensemble, r.x).forEach(
        (v, i) => (worst = Math.max(worst, Math.abs(v - fast[i]))),
      );
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('finds the same top 3 factors as XGBoost', () => {
    for (const r of rows) {
      const ours = topContributions(ensemble, shapValues(ensemble, r.x)).map((c) => c.feature);
      const theirs = topContributions(ensemble, r.contribs).map((c) => c.feature);
      expect(ours).toEqual(theirs);
    }
  });
});

describe('TreeSHAP on a tree with too many splits for a decision table', () => {
  it('uses leaf tables and equals subset enumeration', () => {
    // A complete tree of depth 4: 15 splits over 3 features, 16 leaves.
    const n = 31;
    const internal = (i: number) => i < 15;
    const tree = {
      left: Array.from({ length: n }, (_, i) => (internal(i) ? 2 * i + 1 : -1)),
      right: Array.from({ length: n }, (_, i) => (internal(i) ? 2 * i + 2 : -1)),
      feature: Array.from({ length: n }, (_, i) => (internal(i) ? (i * 7) % 3 : 0)),
      threshold: Array.from({ length: n }, (_, i) => ((i * 37) % 10) / 10),
      value: Array.from({ length: n }, (_, i) => (internal(i) ? 0 : Math.sin(i))),
      default_left: Array.from({ length: n }, (_, i) => i % 2),
      cover: Array.from({ length: n }, (_, i) => 2 ** (5 - Math.floor(Math.log2(i + 1))) + (i % 3)),
    };
    // covers of internal nodes must be the sum of their children's
    for (let i = 14; i >= 0; i--) tree.cover[i] = tree.cover[2 * i + 1] + tree.cover[2 * i + 2];
    const wide = parseTreeEnsemble({
      format: 'kpilens-trees/1',
      base_margin: 0,
      features: ['a', 'b', 'c'],
      trees: [tree],
    });
    for (const x of [
      [0.05, 0.9, 0.4],
      [0.7, 0.3, 0.95],
      [NaN, 0.5, 0.1],
      [0.5, 0.5, 0.5],
    ]) {
      const phi = shapValues(wide, x);
      enumerateShapValues(wide, x).forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 12));
      shapValuesByRecursion(wide, x).forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 12));
    }
  });
});

describe('TreeSHAP on trees too deep for leaf tables', () => {
  it('falls back to the recursion and still equals subset enumeration', () => {
    // A chain of 7 splits alternating over two features: depth 7, beyond the tables' limit.
    const n = 15;
    const left = Array.from({ length: n }, (_, i) => (i % 2 === 0 && i < 14 ? i + 1 : -1));
    const right = Array.from({ length: n }, (_, i) => (i % 2 === 0 && i < 14 ? i + 2 : -1));
    const deep = parseTreeEnsemble({
      format: 'kpilens-trees/1',
      base_margin: 0,
      features: ['a', 'b'],
      trees: [
        {
          left,
          right,
          feature: left.map((l, i) => (l < 0 ? 0 : (i / 2) % 2)),
          threshold: left.map((_, i) => i / 10),
          value: left.map((l, i) => (l < 0 ? i / 7 - 1 : 0)),
          default_left: left.map(() => 0),
          cover: left.map((_, i) => 1000 / 2 ** Math.ceil(i / 2)),
        },
      ],
    });
    expect(deep.trees[0].maxDepth).toBe(7);
    for (const x of [
      [0.05, 0.9],
      [0.7, 0.3],
      [NaN, 0.5],
    ]) {
      const phi = shapValues(deep, x);
      enumerateShapValues(deep, x).forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 12));
    }
  });
});
