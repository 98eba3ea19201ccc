import {
  ar1Inflation,
  autocorrelation,
  benjaminiHochberg,
  lag1Autocorrelation,
  medianOf,
  normalTwoSidedP,
  removeSeasonalProfile,
  robustSd,
  tTwoSidedP,
  zQuantile,
} from './stats';
import { ar1 } from './synthetic';

describe('stats helpers', () => {
  it('gives textbook p-values and quantiles', () => {
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-1.959964)).toBeCloseTo(0.05, 6);
    expect(tTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 6); // t(0.975, 10)
    expect(tTwoSidedP(2.5, 4.5)).toBeGreaterThan(tTwoSidedP(2.5, 30)); // fewer df, heavier tails
    expect(tTwoSidedP(NaN, 10)).toBe(1);
    expect(zQuantile(0.9)).toBeCloseTo(1.281552, 6);
  });

  it('takes medians and robust spreads without touching the input', () => {
    const xs = [5, 1, 3, 100];
    expect(medianOf(xs)).toBe(4);
    expect(xs).toEqual([5, 1, 3, 100]);
    expect(robustSd([1, 2, 3, 4, 1000])).toBeCloseTo(1.4826, 4);
  });

  it('adjusts p-values by Benjamini-Hochberg in the input order', () => {
    // m = 4: sorted 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.04, 0.04, 0.5
    const q = benjaminiHochberg([0.03, 0.5, 0.01, 0.02]);
    expect(q.map((x) => Number(x.toFixed(6)))).toEqual([0.04, 0.5, 0.04, 0.04]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('measures AR(1) correlation with little bias and inflates variances by the AR(1) factor', () => {
    let sum = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const g = ar1(seed, 0.5);
      sum += lag1Autocorrelation(Array.from({ length: 30 }, g));
    }
    expect(sum / 200).toBeCloseTo(0.5, 1);
    expect(autocorrelation([1, -1, 1, -1, 1, -1], 1)).toBeLessThan(-0.8);
    expect(ar1Inflation(0, 100)).toBe(1);
    expect(ar1Inflation(-0.4, 100)).toBe(1);
    // Large n: (1 + rho) / (1 - rho) = 3 for rho = 0.5.
    expect(ar1Inflation(0.5, 100000)).toBeCloseTo(3, 3);
  });

  it('removes a seasonal profile by phase medians and keeps a trend', () => {
    const xs = Array.from({ length: 28 }, (_, i) => i + (i % 7 === 5 ? -10 : 0));
    const out = removeSeasonalProfile(xs, 7);
    for (let i = 1; i < 28; i++) expect(out[i] - out[i - 1]).toBeCloseTo(1, 10);
    expect(removeSeasonalProfile([1, NaN, 3], 1)).toEqual([1, NaN, 3]);
  });
});
