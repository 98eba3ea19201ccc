import { brierScore, evaluatePredictions, expectedCalibrationError, rocAuc } from './metrics';

describe('rocAuc', () => {
  it('is 1 when ranked perfectly, 0 when reversed, 0.5 when all tied', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('counts ties half', () => {
    // pairs (pos, neg): (0.8,0.3) win, (0.8,0.5) win, (0.5,0.3) win, (0.5,0.5) tie -> 3.5 / 4
    expect(rocAuc([0.3, 0.5, 0.5, 0.8], [0, 0, 1, 1])).toBe(0.875);
  });

  it('is NaN with one class and refuses mismatched input', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(() => rocAuc([0.1], [1, 0])).toThrow(/1 predictions for 2 labels/);
    expect(() => rocAuc([], [])).toThrow(/no rows/);
  });
});

describe('brierScore and ECE', () => {
  it('have known answers', () => {
    expect(brierScore([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
    // bin 0.2-0.3: predicted 0.25, observed 0.5 (2 rows); bin 0.9-1: predicted 0.95, observed 1 (2 rows)
    expect(expectedCalibrationError([0.2, 0.3 - 1e-9, 0.9, 1], [0, 1, 1, 1])).toBeCloseTo(
      0.5 * Math.abs(0.25 - 0.5) + 0.5 * 0.05,
      8,
    );
    expect(expectedCalibrationError([0.3, 0.3, 0.7, 0.7], [0, 1, 1, 0])).toBeCloseTo(0.2, 12);
  });

  it('come together in one evaluation', () => {
    expect(evaluatePredictions([0.1, 0.9], [0, 1])).toEqual({
      rows: 2,
      auc: 1,
      brier: expect.closeTo(0.01, 12),
      ece: expect.closeTo(0.1, 12),
    });
  });
});
