// The trees of a shipped model (trees.json, written by training/xgb_to_onnx.py) with XGBoost's
// decision rules: explanations work on these, and a plain walk over them is the naive baseline
// that the ONNX runtime is measured against.
import { readFileSync } from 'node:fs';

export interface Tree {
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  value: Float64Array;
  defaultLeft: Uint8Array;
  cover: Float64Array;
  maxDepth: number;
  /** Cover-weighted mean leaf value: the tree's expected output. */
  meanValue: number;
}

export interface TreeEnsemble {
  baseMargin: number;
  features: string[];
  trees: Tree[];
}

interface TreeJson {
  left: number[];
  right: number[];
  feature: number[];
  threshold: number[];
  value: number[];
  default_left: number[];
  cover: number[];
}

function isNumberArray(v: unknown, length?: number): v is number[] {
  return (
    Array.isArray(v) &&
    (length === undefined || v.length === length) &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x))
  );
}

function depthAndMean(t: Omit<Tree, 'maxDepth' | 'meanValue'>): { maxDepth: number; meanValue: number } {
  let maxDepth = 0;
  const visit = (n: number, depth: number): number => {
    if (t.left[n] < 0) {
      maxDepth = Math.max(maxDepth, depth);
      return t.value[n];
    }
    const l = visit(t.left[n], depth + 1);
    const r = visit(t.right[n], depth + 1);
    return (l * t.cover[t.left[n]] + r * t.cover[t.right[n]]) / t.cover[n];
  };
  const meanValue = visit(0, 0);
  return { maxDepth, meanValue };
}

function parseTree(raw: unknown, index: number, featureCount: number): Tree {
  const fail = (why: string): never => {
    throw new Error(`trees.json: tree ${index}: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('not an object');
  const t = raw as Partial<TreeJson>;
  const n = Array.isArray(t.left) ? t.left.length : fail('no left children');
  for (const key of ['left', 'right', 'feature', 'threshold', 'value', 'default_left', 'cover'] as const) {
    if (!isNumberArray(t[key], n)) fail(`${key} is not ${n} finite numbers`);
  }
  const tree = {
    left: Int32Array.from(t.left!),
    right: Int32Array.from(t.right!),
    feature: Int32Array.from(t.feature!),
    threshold: Float64Array.from(t.threshold!),
    value: Float64Array.from(t.value!),
    defaultLeft: Uint8Array.from(t.default_left!),
    cover: Float64Array.from(t.cover!),
  };
  // Children come after their parent, so walks always end; leaves have no children at all.
  for (let i = 0; i < n; i++) {
    const l = tree.left[i];
    const r = tree.right[i];
    if (l < 0 !== r < 0) fail(`node ${i} has one child`);
    if (l >= 0 && (l <= i || r <= i || l >= n || r >= n)) fail(`node ${i} has bad children`);
    if (l >= 0 && (tree.feature[i] < 0 || tree.feature[i] >= featureCount))
      fail(`node ${i} splits on no feature`);
    if (!(tree.cover[i] > 0)) fail(`node ${i} has no cover`);
  }
  return { ...tree, ...depthAndMean(tree) };
}

export function parseTreeEnsemble(json: unknown): TreeEnsemble {
  if (typeof json !== 'object' || json === null) throw new Error('trees.json: not an object');
  const j = json as { format?: unknown; base_margin?: unknown; features?: unknown; trees?: unknown };
  if (j.format !== 'kpilens-trees/1') throw new Error(`trees.json: unknown format ${String(j.format)}`);
  if (typeof j.base_margin !== 'number' || !Number.isFinite(j.base_margin)) {
    throw new Error('trees.json: base_margin is not a number');
  }
  if (!Array.isArray(j.features) || !j.features.every((f) => typeof f === 'string')) {
    throw new Error('trees.json: features is not a list of names');
  }
  if (!Array.isArray(j.trees) || j.trees.length === 0) throw new Error('trees.json: no trees');
  const features = j.features as string[];
  return {
    baseMargin: j.base_margin,
    features,
    trees: j.trees.map((t, i) => parseTree(t, i, features.length)),
  };
}

export function loadTreeEnsemble(path: string): TreeEnsemble {
  return parseTreeEnsemble(JSON.parse(readFileSync(path, 'utf8')));
}

/** XGBoost's split rule: float32 value below the threshold goes left; NaN takes the default. */
export function nextNode(tree: Tree, node: number, x: ArrayLike<number>): number {
  const v = x[tree.feature[node]];
  if (Number.isNaN(v)) return tree.defaultLeft[node] ? tree.left[node] : tree.right[node];
  return Math.fround(v) < tree.threshold[node] ? tree.left[node] : tree.right[node];
}

export function leafOf(tree: Tree, x: ArrayLike<number>): number {
  let n = 0;
  while (tree.left[n] >= 0) n = nextNode(tree, n, x);
  return n;
}

/** Margin (log-odds) of one row by walking every tree. */
export function predictMargin(ensemble: TreeEnsemble, x: ArrayLike<number>): number {
  let sum = ensemble.baseMargin;
  for (const t of ensemble.trees) sum += t.value[leafOf(t, x)];
  return sum;
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
