import { quantile } from './stats';

describe('quantile', () => {
  it('interpolates between closest ranks and ignores the input order', () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([5, 1, 9], 1)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
