// Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent individualized feature
// attribution for tree ensembles", Algorithm 2), the algorithm behind XGBoost's pred_contribs:
// per-feature contributions to the margin that sum, with the bias, to the model's margin.
import { type Tree, type TreeEnsemble, nextNode } from './tree-ensemble';

/**
 * One buffer for the unique paths of all recursion levels. Level d starts after the levels above
 * it, each of which holds at most maxDepth + 2 elements, as in the reference implementation.
 */
class PathBuffer {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  copy(from: number, to: number, count: number): void {
    this.feature.copyWithin(to, from, from + count);
    this.zero.copyWithin(to, from, from + count);
    this.one.copyWithin(to, from, from + count);
    this.weight.copyWithin(to, from, from + count);
  }

  extend(p: number, depth: number, zero: number, one: number, feature: number): void {
    this.feature[p + depth] = feature;
    this.zero[p + depth] = zero;
    this.one[p + depth] = one;
    this.weight[p + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      this.weight[p + i + 1] += (one * this.weight[p + i] * (i + 1)) / (depth + 1);
      this.weight[p + i] = (zero * this.weight[p + i] * (depth - i)) / (depth + 1);
    }
  }

  unwind(p: number, depth: number, index: number): void {
    const one = this.one[p + index];
    const zero = this.zero[p + index];
    let next = this.weight[p + depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = this.weight[p + i];
        this.weight[p + i] = (next * (depth + 1)) / ((i + 1) * one);
        next = tmp - (this.weight[p + i] * zero * (depth - i)) / (depth + 1);
      } else {
        this.weight[p + i] = (this.weight[p + i] * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = index; i < depth; i++) {
      this.feature[p + i] = this.feature[p + i + 1];
      this.zero[p + i] = this.zero[p + i + 1];
      this.one[p + i] = this.one[p + i + 1];
    }
  }

  /** Total permutation weight of the path if the element at `index` were unwound. */
  unwoundSum(p: number, depth: number, index: number): number {
    const one = this.one[p + index];
    const zero = this.zero[p + index];
    let next = this.weight[p + depth];
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = (next * (depth + 1)) / ((i + 1) * one);
        total += tmp;
        next = this.weight[p + i] - (tmp * zero * (depth - i)) / (depth + 1);
      } else {
        total += this.weight[p + i] / zero / ((depth - i) / (depth + 1));
      }
    }
    return total;
  }
}

function recurse(
  tree: Tree,
  x: ArrayLike<number>,
  phi: Float64Array,
  buf: PathBuffer,
  node: number,
  parentP: number,
  p: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  // Each level works on its own copy of the parent's path.
  if (depth > 0) buf.copy(parentP, p, depth);
  buf.extend(p, depth, zero, one, feature);
  if (tree.left[node] < 0) {
    const leaf = tree.value[node];
    for (let i = 1; i <= depth; i++) {
      const w = buf.unwoundSum(p, depth, i);
      phi[buf.feature[p + i]] += w * (buf.one[p + i] - buf.zero[p + i]) * leaf;
    }
    return;
  }
  const split = tree.feature[node];
  const hot = nextNode(tree, node, x);
  const cold = hot === tree.left[node] ? tree.right[node] : tree.left[node];
  const cover = tree.cover[node];
  let inZero = 1;
  let inOne = 1;
  let d = depth;
  // A feature split on again higher up: undo that split so it counts once.
  for (let k = 1; k <= d; k++) {
    if (buf.feature[p + k] === split) {
      inZero = buf.zero[p + k];
      inOne = buf.one[p + k];
      buf.unwind(p, d, k);
      d--;
      break;
    }
  }
  const child = p + d + 1;
  recurse(tree, x, phi, buf, hot, p, child, d + 1, (tree.cover[hot] / cover) * inZero, inOne, split);
  recurse(tree, x, phi, buf, cold, p, child, d + 1, (tree.cover[cold] / cover) * inZero, 0, split);
}

/**
 * Contributions of each feature to the margin of row `x`, in feature order, followed by the bias
 * (the margin expected over the training data). They add up to the row's margin.
 */
export function shapValues(ensemble: TreeEnsemble, x: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(ensemble.features.length + 1);
  const maxDepth = Math.max(...ensemble.trees.map((t) => t.maxDepth));
  const buf = new PathBuffer(maxDepth);
  let bias = ensemble.baseMargin;
  for (const tree of ensemble.trees) {
    recurse(tree, x, phi, buf, 0, 0, 0, 0, 1, 1, -1);
    bias += tree.meanValue;
  }
  phi[ensemble.features.length] = bias;
  return phi;
}

export interface Contribution {
  feature: string;
  index: number;
  /** Change of the margin (log-odds of paying on time) this feature causes; > 0 helps. */
  value: number;
}

/** The `n` features that moved the margin most, largest effect first. */
export function topContributions(ensemble: TreeEnsemble, phi: ArrayLike<number>, n = 3): Contribution[] {
  return ensemble.features
    .map((feature, index) => ({ feature, index, value: phi[index] }))
    .filter((c) => c.value !== 0)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.index - b.index)
    .slice(0, n);
}
