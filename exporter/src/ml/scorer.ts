// Loads a shipped payment-risk model (models/<name>/<version>/) and scores feature vectors in
// batches with onnxruntime. A model is refused unless its inputs, its feature list and its answers
// on the parity rows agree with this build: a stale or corrupt model must not score accounts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import { type TreeEnsemble, loadTreeEnsemble, predictMargin, sigmoid } from './tree-ensemble';
import { type Contribution, shapValues, topContributions } from './treeshap';

export const INPUT_NAME = 'features';
export const PROBABILITY_OUTPUT = 'probability';
export const MARGIN_OUTPUT = 'margin';
/** ONNX and XGBoost must agree this closely on the probability of every parity row. */
export const PARITY_TOLERANCE = 1e-5;
// Large batches are cut so one request cannot make the runtime allocate without bound.
const MAX_BATCH = 10_000;

export interface Prediction {
  margin: Float32Array;
  probability: Float32Array;
}

interface ParityFile {
  features: string[];
  rows: { kind: string; x: (number | null)[]; margin: number; probability: number }[];
}

export class ModelRejectedError extends Error {
  constructor(dir: string, why: string) {
    super(`model ${dir} refused: ${why}`);
    this.name = 'ModelRejectedError';
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export class PaymentRiskModel {
  private constructor(
    readonly dir: string,
    private readonly session: ort.InferenceSession,
    readonly trees: TreeEnsemble,
  ) {}

  /** Opens and validates a model folder; throws ModelRejectedError when anything does not fit. */
  static async load(dir: string): Promise<PaymentRiskModel> {
    const reject = (why: string): never => {
      throw new ModelRejectedError(dir, why);
    };
    const read = (file: string) => {
      const path = join(dir, file);
      if (!existsSync(path)) reject(`${file} is missing`);
      return readFileSync(path);
    };
    let declared: unknown;
    try {
      declared = JSON.parse(read('features.json').toString('utf8')).features;
    } catch (e) {
      if (e instanceof ModelRejectedError) throw e;
      reject(`features.json is not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(declared) || !sameList(declared, FEATURE_NAMES)) {
      reject(`its features differ from this build's feature builder (${FEATURE_COUNT} features)`);
    }
    let session: ort.InferenceSession | undefined;
    try {
      session = await ort.InferenceSession.create(read('model.onnx'), {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
      });
    } catch (e) {
      if (e instanceof ModelRejectedError) throw e;
      reject(`model.onnx does not load: ${(e as Error).message}`);
    }
    const s = session!;
    const input = s.inputMetadata.find((m) => m.name === INPUT_NAME);
    if (s.inputNames.length !== 1 || !input || !input.isTensor)
      reject(`expects inputs ${s.inputNames.join(', ')}`);
    if (input!.isTensor && (input!.type !== 'float32' || input!.shape[1] !== FEATURE_COUNT)) {
      reject(
        `input is ${input!.isTensor ? input!.type : '?'} of width ${input!.isTensor ? input!.shape[1] : '?'}`,
      );
    }
    for (const out of [MARGIN_OUTPUT, PROBABILITY_OUTPUT]) {
      if (!s.outputNames.includes(out)) reject(`has no output ${out}`);
    }
    let trees: TreeEnsemble | undefined;
    try {
      trees = loadTreeEnsemble(join(dir, 'trees.json'));
    } catch (e) {
      reject((e as Error).message);
    }
    if (!sameList(trees!.features, FEATURE_NAMES)) reject('trees.json has other features');
    const model = new PaymentRiskModel(dir, s, trees!);
    await model.checkParity(reject, read);
    return model;
  }

  /** The parity rows must come out as XGBoost computed them, from both the runtime and the trees. */
  private async checkParity(reject: (why: string) => never, read: (file: string) => Buffer): Promise<void> {
    let parity: ParityFile | undefined;
    try {
      parity = JSON.parse(read('parity.json').toString('utf8')) as ParityFile;
    } catch (e) {
      if (e instanceof ModelRejectedError) throw e;
      reject('parity.json is not JSON');
    }
    const rows = parity!.rows ?? [];
    if (rows.length === 0) reject('parity.json has no rows');
    const xs = rows.map((r) => r.x.map((v) => (v === null ? NaN : v)));
    const { probability } = await this.predict(xs);
    rows.forEach((r, i) => {
      const p = probability[i];
      if (!(Math.abs(p - r.probability) <= PARITY_TOLERANCE)) {
        reject(`parity row ${i} (${r.kind}): probability ${p}, expected ${r.probability}`);
      }
      const walked = sigmoid(predictMargin(this.trees, xs[i]));
      if (!(Math.abs(walked - r.probability) <= PARITY_TOLERANCE)) {
        reject(`trees.json disagrees with the model on parity row ${i}`);
      }
    });
  }

  /** Scores feature vectors (FEATURE_NAMES order, NaN for missing) in batches. */
  async predict(rows: readonly (ArrayLike<number> | readonly number[])[]): Promise<Prediction> {
    const margin = new Float32Array(rows.length);
    const probability = new Float32Array(rows.length);
    for (let start = 0; start < rows.length; start += MAX_BATCH) {
      const chunk = rows.slice(start, start + MAX_BATCH);
      const data = new Float32Array(chunk.length * FEATURE_COUNT);
      chunk.forEach((row, r) => {
        if (row.length !== FEATURE_COUNT) throw new Error(`row ${start + r} has ${row.length} features`);
        for (let f = 0; f < FEATURE_COUNT; f++) data[r * FEATURE_COUNT + f] = row[f];
      });
      const out = await this.predictPacked(data, chunk.length);
      margin.set(out.margin, start);
      probability.set(out.probability, start);
    }
    return { margin, probability };
  }

  /** Scores rows already packed row-major into one float32 buffer. */
  async predictPacked(data: Float32Array, rows: number): Promise<Prediction> {
    const tensor = new ort.Tensor('float32', data, [rows, FEATURE_COUNT]);
    const out = await this.session.run({ [INPUT_NAME]: tensor });
    return {
      margin: out[MARGIN_OUTPUT].data as Float32Array,
      probability: out[PROBABILITY_OUTPUT].data as Float32Array,
    };
  }

  /** Exact TreeSHAP contributions of one row: the `n` largest. */
  explain(row: ArrayLike<number>, n = 3): Contribution[] {
    return topContributions(this.trees, shapValues(this.trees, row), n);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/**
 * Where shipped models live: KPILENS_MODELS_DIR, else the repository's models/ folder, found by
 * walking up from this file (the same from src/ under tsx and from a build under dist/).
 */
export function modelsRoot(): string {
  if (process.env.KPILENS_MODELS_DIR) return process.env.KPILENS_MODELS_DIR;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'models', 'credit-default'))) return join(dir, 'models');
    if (dirname(dir) === dir) throw new Error('no models/ folder above ' + __dirname);
  }
}

/** The model shipped for the credit-default data. */
export const CREDIT_DEFAULT_MODEL = 'credit-default/v1';

export function creditDefaultModelDir(): string {
  return join(modelsRoot(), CREDIT_DEFAULT_MODEL);
}
