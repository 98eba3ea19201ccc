// Quality figures of a probabilistic classifier, as the model card reports them
// (training/train.py computes the same with scikit-learn and the same ECE bins).

export const ECE_BINS = 10;

function check(p: ArrayLike<number>, y: ArrayLike<number>): void {
  if (p.length !== y.length) throw new Error(`${p.length} predictions for ${y.length} labels`);
  if (p.length === 0) throw new Error('no rows');
}

/** ROC-AUC as the Mann-Whitney statistic, ties counting half; NaN without both classes. */
export function rocAuc(p: ArrayLike<number>, y: ArrayLike<number>): number {
  check(p, y);
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let rankSumPositive = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]] === p[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based; tied scores share their mean rank
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        rankSumPositive += averageRank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = p.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  check(p, y);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}

/** Expected calibration error: row-weighted |mean predicted - observed rate| over equal-width bins. */
export function expectedCalibrationError(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  bins = ECE_BINS,
): number {
  check(p, y);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(Math.floor(p[i] * bins), bins - 1);
    count[b]++;
    sumP[b] += p[i];
    sumY[b] += y[i];
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) ece += (count[b] / p.length) * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
  }
  return ece;
}

export interface Evaluation {
  rows: number;
  auc: number;
  brier: number;
  ece: number;
}

export function evaluatePredictions(p: ArrayLike<number>, y: ArrayLike<number>): Evaluation {
  return { rows: p.length, auc: rocAuc(p, y), brier: brierScore(p, y), ece: expectedCalibrationError(p, y) };
}
