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

  // A plain loop: paths hold a few elements, far less than the cost of four copyWithin calls.
  copy(from: number, to: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.feature[to + i] = this.feature[from + i];
      this.zero[to + i] = this.zero[from + i];
      this.one[to + i] = this.one[from + i];
      this.weight[to + i] = this.weight[from + i];
    }
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

// One path buffer per ensemble, reused by every call (explanations run one at a time on this thread).
const buffers = new WeakMap<TreeEnsemble, PathBuffer>();
function pathBufferOf(ensemble: TreeEnsemble): PathBuffer {
  let buf = buffers.get(ensemble);
  if (!buf) {
    buf = new PathBuffer(Math.max(...ensemble.trees.map((t) => t.maxDepth)));
    buffers.set(ensemble, buf);
  }
  return buf;
}

/**
 * A leaf's share of a row's contributions depends on the row only through which of the splits on the
 * leaf's path the row follows (the path's "one" fractions; covers are fixed). So for each leaf and each
 * of the 2^depth ways a row can agree with its path, the leaf's contributions are computed once, with
 * the same path algebra as the recursion, and a row then costs one table lookup per leaf (the idea of
 * Fast TreeSHAP v2, Yang 2021). Trees deeper than this keep the recursion (tables grow as 4^depth: 40 MB for 200 trees of depth 6).
 */
const TABLE_MAX_DEPTH = 6;

interface LeafTable {
  tree: Tree;
  /** per leaf: its node, its depth, and per path step the internal node and the child taken */
  leaves: Int32Array;
  depth: Int32Array;
  pathNode: Int32Array;
  pathChild: Int32Array;
  /** per leaf and agreement pattern: offset into feature / value (the path's unique features) */
  offset: Int32Array;
  count: Int32Array;
  feature: Int32Array;
  value: Float64Array;
}

/** Replays the recursion along one root-to-leaf path, the row agreeing with step k iff bit k is set. */
function leafContributions(
  tree: Tree,
  nodes: readonly number[],
  children: readonly number[],
  pattern: number,
  buf: PathBuffer,
): { feature: number[]; value: number[] } {
  let parentP = 0;
  let p = 0;
  let depth = 0;
  let zero = 1;
  let one = 1;
  let feature = -1;
  for (let k = 0; k <= nodes.length; k++) {
    if (depth > 0) buf.copy(parentP, p, depth);
    buf.extend(p, depth, zero, one, feature);
    if (k === nodes.length) break;
    const node = nodes[k];
    const split = tree.feature[node];
    let inZero = 1;
    let inOne = 1;
    let d = depth;
    for (let j = 1; j <= d; j++) {
      if (buf.feature[p + j] === split) {
        inZero = buf.zero[p + j];
        inOne = buf.one[p + j];
        buf.unwind(p, d, j);
        d--;
        break;
      }
    }
    const child = children[k];
    zero = (tree.cover[child] / tree.cover[node]) * inZero;
    one = pattern & (1 << k) ? inOne : 0;
    feature = split;
    parentP = p;
    p = p + d + 1;
    depth = d + 1;
  }
  const leafValue = tree.value[children.length ? children[children.length - 1] : 0];
  const out = { feature: [] as number[], value: [] as number[] };
  for (let i = 1; i <= depth; i++) {
    const w = buf.unwoundSum(p, depth, i);
    out.feature.push(buf.feature[p + i]);
    out.value.push(w * (buf.one[p + i] - buf.zero[p + i]) * leafValue);
  }
  return out;
}

function buildLeafTable(tree: Tree, buf: PathBuffer): LeafTable {
  const leaves: number[] = [];
  const depth: number[] = [];
  const pathNode: number[] = [];
  const pathChild: number[] = [];
  const offset: number[] = [];
  const count: number[] = [];
  const feature: number[] = [];
  const value: number[] = [];
  const width = tree.maxDepth;
  const visit = (node: number, nodes: number[], children: number[]) => {
    if (tree.left[node] >= 0) {
      visit(tree.left[node], [...nodes, node], [...children, tree.left[node]]);
      visit(tree.right[node], [...nodes, node], [...children, tree.right[node]]);
      return;
    }
    leaves.push(node);
    depth.push(nodes.length);
    for (let k = 0; k < width; k++) {
      pathNode.push(nodes[k] ?? 0);
      pathChild.push(children[k] ?? 0);
    }
    for (let pattern = 0; pattern < 1 << width; pattern++) {
      const c = pattern < 1 << nodes.length ? leafContributions(tree, nodes, children, pattern, buf) : null;
      offset.push(feature.length);
      count.push(c?.feature.length ?? 0);
      if (c) {
        feature.push(...c.feature);
        value.push(...c.value);
      }
    }
  };
  visit(0, [], []);
  return {
    tree,
    leaves: Int32Array.from(leaves),
    depth: Int32Array.from(depth),
    pathNode: Int32Array.from(pathNode),
    pathChild: Int32Array.from(pathChild),
    offset: Int32Array.from(offset),
    count: Int32Array.from(count),
    feature: Int32Array.from(feature),
    value: Float64Array.from(value),
  };
}

/** Where a row goes at each internal node of a tree (-1 at leaves). */
function routeOf(tree: Tree, x: ArrayLike<number>, goes: Int32Array): void {
  for (let n = 0; n < tree.left.length; n++) goes[n] = tree.left[n] >= 0 ? nextNode(tree, n, x) : -1;
}

/** Each leaf's contributions for the way the row agrees with its path (`goes` from routeOf). */
function addLeafContributions(t: LeafTable, goes: Int32Array, phi: Float64Array): void {
  const { pathNode, pathChild } = t;
  const width = t.tree.maxDepth;
  const patterns = 1 << width;
  for (let l = 0; l < t.leaves.length; l++) {
    let pattern = 0;
    const base = l * width;
    for (let k = 0; k < t.depth[l]; k++)
      if (goes[pathNode[base + k]] === pathChild[base + k]) pattern |= 1 << k;
    const slot = l * patterns + pattern;
    const from = t.offset[slot];
    const to = from + t.count[slot];
    for (let i = from; i < to; i++) phi[t.feature[i]] += t.value[i];
  }
}

/**
 * A small tree's whole contribution depends only on where the row goes at each internal node: with at
 * most DECISIONS_MAX internal nodes, the sum over its leaves is tabled once per combination, and a row
 * costs one split test per internal node and one add per feature the tree uses.
 */
const DECISIONS_MAX = 10;

type TreeShap = (x: ArrayLike<number>, phi: Float64Array) => void;

function decisionTable(tree: Tree, leaves: LeafTable): TreeShap {
  const internal = Int32Array.from(Array.from(tree.left).flatMap((l, n) => (l >= 0 ? [n] : [])));
  const features = Int32Array.from(new Set(Array.from(internal, (n) => tree.feature[n])));
  const slot = new Map(Array.from(features, (f, j) => [f, j]));
  const width = features.length;
  const values = new Float64Array((1 << internal.length) * width);
  const goes = new Int32Array(tree.left.length).fill(-1);
  const phi = new Float64Array(Math.max(...features) + 1);
  for (let d = 0; d < 1 << internal.length; d++) {
    internal.forEach((n, k) => (goes[n] = d & (1 << k) ? tree.left[n] : tree.right[n]));
    phi.fill(0);
    addLeafContributions(leaves, goes, phi);
    for (const [f, j] of slot) values[d * width + j] = phi[f];
  }
  return (x, out) => {
    let d = 0;
    for (let k = 0; k < internal.length; k++) {
      const n = internal[k];
      if (nextNode(tree, n, x) === tree.left[n]) d |= 1 << k;
    }
    const base = d * width;
    for (let j = 0; j < width; j++) out[features[j]] += values[base + j];
  };
}

/** The fastest exact way for each tree: decision table, leaf tables, or the recursion for deep trees. */
function treeShapOf(tree: Tree, buf: PathBuffer): TreeShap {
  if (tree.maxDepth > TABLE_MAX_DEPTH) return (x, phi) => recurse(tree, x, phi, buf, 0, 0, 0, 0, 1, 1, -1);
  const leaves = buildLeafTable(tree, buf);
  const internalCount = tree.left.filter((l) => l >= 0).length;
  if (internalCount > 0 && internalCount <= DECISIONS_MAX) return decisionTable(tree, leaves);
  const goes = new Int32Array(tree.left.length);
  return (x, phi) => {
    routeOf(tree, x, goes);
    addLeafContributions(leaves, goes, phi);
  };
}

const explainers = new WeakMap<TreeEnsemble, TreeShap[]>();
function explainersOf(ensemble: TreeEnsemble): TreeShap[] {
  let e = explainers.get(ensemble);
  if (!e) {
    const buf = pathBufferOf(ensemble);
    e = ensemble.trees.map((tree) => treeShapOf(tree, buf));
    explainers.set(ensemble, e);
  }
  return e;
}

/** The recursive algorithm on every tree: the reference the tables are computed with. */
export function shapValuesByRecursion(ensemble: TreeEnsemble, x: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(ensemble.features.length + 1);
  const buf = pathBufferOf(ensemble);
  let bias = ensemble.baseMargin;
  for (const tree of ensemble.trees) {
    recurse(tree, x, phi, buf, 0, 0, 0, 0, 1, 1, -1);
    bias += tree.meanValue;
  }
  phi[ensemble.features.length] = bias;
  return phi;
}

/**
 * Contributions of each feature to the margin of row `x`, in feature order, followed by the bias
 * (the margin expected over the training data). They add up to the row's margin.
 */
export function shapValues(ensemble: TreeEnsemble, x: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(ensemble.features.length + 1);
  let bias = ensemble.baseMargin;
  const explain = explainersOf(ensemble);
  for (let t = 0; t < explain.length; t++) {
    explain[t](x, phi);
    bias += ensemble.trees[t].meanValue;
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
  // A running top-n by insertion (n is small): no per-feature objects, no full sort, once per account.
  const top: Contribution[] = [];
  if (n <= 0) return top;
  const before = (v: number, index: number, c: Contribution) =>
    Math.abs(v) > Math.abs(c.value) || (Math.abs(v) === Math.abs(c.value) && index < c.index);
  for (let index = 0; index < ensemble.features.length; index++) {
    const value = phi[index];
    if (value === 0 || (top.length === n && !before(value, index, top[n - 1]))) continue;
    let at = top.length;
    while (at > 0 && before(value, index, top[at - 1])) at--;
    top.splice(at, 0, { feature: ensemble.features[index], index, value });
    if (top.length > n) top.pop();
  }
  return top;
}
