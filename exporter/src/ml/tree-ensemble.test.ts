import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTreeEnsemble, parseTreeEnsemble, predictMargin, sigmoid } from './tree-ensemble';

const MODEL_DIR = join(__dirname, '../../../models/credit-default/v1');
const raw = JSON.parse(readFileSync(join(MODEL_DIR, 'trees.json'), 'utf8'));

describe('tree ensemble', () => {
  it('walks the trees to XGBoost margins, NaN and on-threshold rows included', () => {
    const ens = loadTreeEnsemble(join(MODEL_DIR, 'trees.json'));
    const parity = JSON.parse(readFileSync(join(MODEL_DIR, 'parity.json'), 'utf8')) as {
      rows: { x: (number | null)[]; margin: number; probability: number }[];
    };
    for (const r of parity.rows) {
      const x = r.x.map((v) => (v === null ? NaN : v));
      expect(Math.abs(predictMargin(ens, x) - r.margin)).toBeLessThan(1e-5);
      expect(Math.abs(sigmoid(predictMargin(ens, x)) - r.probability)).toBeLessThan(1e-5);
    }
  });

  it('refuses corrupt trees', () => {
    const tree0 = raw.trees[0];
    const withTree = (t: object) => ({ ...raw, trees: [{ ...tree0, ...t }] });
    expect(() => parseTreeEnsemble({ ...raw, format: 'other' })).toThrow(/unknown format/);
    expect(() => parseTreeEnsemble({ ...raw, trees: [] })).toThrow(/no trees/);
    expect(() => parseTreeEnsemble(withTree({ cover: tree0.cover.slice(1) }))).toThrow(/cover is not/);
    expect(() => parseTreeEnsemble(withTree({ left: [0, ...tree0.left.slice(1)] }))).toThrow(
      /bad children|one child/,
    );
    expect(() => parseTreeEnsemble(withTree({ feature: tree0.feature.map(() => 99) }))).toThrow(/no feature/);
    expect(() => parseTreeEnsemble(withTree({ threshold: tree0.threshold.map(() => null) }))).toThrow(
      /threshold/,
    );
  });
});
