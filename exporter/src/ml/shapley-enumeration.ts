// Exact Shapley values by enumerating feature subsets (Algorithm 1 of Lundberg et al.): the same
// numbers TreeSHAP gives, exponential in the features of each tree. It is the naive baseline that
// TreeSHAP is benchmarked and tested against.
import { type Tree, type TreeEnsemble, nextNode } from './tree-ensemble';

/** Expected tree output when the features in `known` follow x and the others split by cover. */
function conditionalValue(tree: Tree, x: ArrayLike<number>, known: Set<number>, node = 0): number {
  if (tree.left[node] < 0) return tree.value[node];
  if (known.has(tree.feature[node])) return conditionalValue(tree, x, known, nextNode(tree, node, x));
  const l = tree.left[node];
  const r = tree.right[node];
  const vl = conditionalValue(tree, x, known, l);
  const vr = conditionalValue(tree, x, known, r);
  return (vl * tree.cover[l] + vr * tree.cover[r]) / tree.cover[node];
}

function treeFeatures(tree: Tree): number[] {
  const used = new Set<number>();
  for (let n = 0; n < tree.left.length; n++) if (tree.left[n] >= 0) used.add(tree.feature[n]);
  return [...used];
}

function factorials(n: number): number[] {
  const f = [1];
  for (let i = 1; i <= n; i++) f.push(f[i - 1] * i);
  return f;
}

/** Same layout as shapValues: one value per feature, then the bias. */
export function enumerateShapValues(ensemble: TreeEnsemble, x: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(ensemble.features.length + 1);
  let bias = ensemble.baseMargin;
  for (const tree of ensemble.trees) {
    // Features a tree never splits on get nothing from it, so subsets range over its own features.
    const feats = treeFeatures(tree);
    const m = feats.length;
    if (m > 20) throw new Error(`tree splits on ${m} features: too many to enumerate`);
    const fact = factorials(m);
    const value = new Float64Array(1 << m);
    for (let mask = 0; mask < 1 << m; mask++) {
      value[mask] = conditionalValue(tree, x, new Set(feats.filter((_, i) => mask & (1 << i))));
    }
    for (let i = 0; i < m; i++) {
      for (let mask = 0; mask < 1 << m; mask++) {
        if (mask & (1 << i)) continue;
        let size = 0;
        for (let b = mask; b; b &= b - 1) size++;
        phi[feats[i]] +=
          ((fact[size] * fact[m - size - 1]) / fact[m]) * (value[mask | (1 << i)] - value[mask]);
      }
    }
    bias += value[0];
  }
  phi[ensemble.features.length] = bias;
  return phi;
}
