import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumerateShapValues } from './shapley-enumeration';
import { loadTreeEnsemble, parseTreeEnsemble } from './tree-ensemble';

const MODEL_DIR = join(__dirname, '../../../models/credit-default/v1');

describe('Shapley values by subset enumeration', () => {
  it('gives a single split its whole effect', () => {
    const one = parseTreeEnsemble({
      format: 'kpilens-trees/1',
      base_margin: 1,
      features: ['a', 'b'],
      trees: [
        {
          left: [1, -1, -1],
          right: [2, -1, -1],
          feature: [1, 0, 0],
          threshold: [0.5, 0, 0],
          value: [0, 1, -1],
          default_left: [1, 0, 0],
          cover: [40, 30, 10],
        },
      ],
    });
    expect(Array.from(enumerateShapValues(one, [0, 0.7]))).toEqual([0, -1.5, 1.5]);
    expect(Array.from(enumerateShapValues(one, [0, NaN]))).toEqual([0, 0.5, 1.5]);
  });

  it('matches XGBoost pred_contribs on parity rows', () => {
    const ens = loadTreeEnsemble(join(MODEL_DIR, 'trees.json'));
    const parity = JSON.parse(readFileSync(join(MODEL_DIR, 'parity.json'), 'utf8')) as {
      rows: { kind: string; x: (number | null)[]; contribs: number[] }[];
    };
    // One row of each kind keeps the exponential baseline quick.
    const kinds = new Map(parity.rows.map((r) => [r.kind, r]));
    for (const r of kinds.values()) {
      const phi = enumerateShapValues(
        ens,
        r.x.map((v) => (v === null ? NaN : v)),
      );
      phi.forEach((v, i) => expect(Math.abs(v - r.contribs[i])).toBeLessThan(1e-4));
    }
  });
});
