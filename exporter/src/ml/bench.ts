// Throughput of the payment-risk model in this process: ONNX runtime inference against a plain
// JavaScript walk of the same trees, and TreeSHAP against Shapley values by subset enumeration.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_COUNT } from './features';
import { PaymentRiskModel, creditDefaultModelDir } from './scorer';
import { enumerateShapValues } from './shapley-enumeration';
import { predictMargin, sigmoid } from './tree-ensemble';
import { shapValues } from './treeshap';

export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  /** value / baseline: how many times faster than the naive way. */
  ratio: number;
}

export interface BenchOptions {
  modelDir?: string;
  /** Time spent on each measurement, at least. */
  minSeconds?: number;
  batches?: number[];
}

/** Calls `work` until `minSeconds` have passed; returns units of work per second. */
async function rate(minSeconds: number, unitsPerCall: number, work: () => unknown): Promise<number> {
  await work(); // warm-up: first calls allocate and compile
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    await work();
    calls++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < minSeconds);
  return (calls * unitsPerCall) / elapsed;
}

function parityRows(modelDir: string): number[][] {
  const parity = JSON.parse(readFileSync(join(modelDir, 'parity.json'), 'utf8')) as {
    rows: { x: (number | null)[] }[];
  };
  return parity.rows.map((r) => r.x.map((v) => (v === null ? NaN : v)));
}

export async function runMlBenchmarks(options: BenchOptions = {}): Promise<BenchResult[]> {
  const modelDir = options.modelDir ?? creditDefaultModelDir();
  const minSeconds = options.minSeconds ?? 1;
  const model = await PaymentRiskModel.load(modelDir);
  const rows = parityRows(modelDir);
  const results: BenchResult[] = [];
  try {
    for (const batch of options.batches ?? [1, 100, 10_000]) {
      const packed = new Float32Array(batch * FEATURE_COUNT);
      const picked = Array.from({ length: batch }, (_, i) => rows[i % rows.length]);
      picked.forEach((r, i) => packed.set(r, i * FEATURE_COUNT));
      const sink = new Float64Array(batch);
      const ort = await rate(minSeconds, batch, () => model.predictPacked(packed, batch));
      const walk = await rate(minSeconds, batch, () => {
        for (let i = 0; i < batch; i++) sink[i] = sigmoid(predictMargin(model.trees, picked[i]));
      });
      results.push({
        name: `inference, batch ${batch}`,
        unit: 'rows/s',
        value: ort,
        baselineName: 'plain JS tree walk',
        baseline: walk,
        ratio: ort / walk,
      });
    }
    let next = 0;
    const treeShap = await rate(minSeconds, 1, () => shapValues(model.trees, rows[next++ % rows.length]));
    const enumeration = await rate(minSeconds, 1, () =>
      enumerateShapValues(model.trees, rows[next++ % rows.length]),
    );
    results.push({
      name: 'TreeSHAP explanations',
      unit: 'explanations/s',
      value: treeShap,
      baselineName: 'subset enumeration',
      baseline: enumeration,
      ratio: treeShap / enumeration,
    });
  } finally {
    await model.close();
  }
  return results;
}

export function formatBenchmarks(results: readonly BenchResult[]): string[] {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return [
    '| measure | rate | naive baseline | baseline rate | ratio |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${n(r.value)} ${r.unit} | ${r.baselineName} | ${n(r.baseline)} | ${r.ratio.toFixed(2)}x |`,
    ),
    JSON.stringify(
      results.map((r) => ({ name: r.name, value: r.value, baseline: r.baseline, ratio: r.ratio })),
    ),
  ];
}
