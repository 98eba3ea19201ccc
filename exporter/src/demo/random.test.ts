import { Draws, streamId } from './random';

function sample(n: number, fn: (d: Draws, i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => fn(new Draws(7, streamId('test'), i), i));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
};

describe('Draws', () => {
  it('repeats exactly for the same seed, stream and index, and differs otherwise', () => {
    const a = new Draws(1, 2, 3);
    const b = new Draws(1, 2, 3);
    const seqA = [a.uniform(), a.normal(), a.poisson(5), a.binomial(40, 0.2)];
    expect([b.uniform(), b.normal(), b.poisson(5), b.binomial(40, 0.2)]).toEqual(seqA);
    expect(new Draws(2, 2, 3).uniform()).not.toBe(seqA[0]);
    expect(new Draws(1, 3, 3).uniform()).not.toBe(seqA[0]);
    expect(new Draws(1, 2, 4).uniform()).not.toBe(seqA[0]);
  });

  it('gives uniforms in (0, 1) with mean 1/2', () => {
    const xs = sample(20000, (d) => d.uniform());
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
  });

  it('gives standard normals', () => {
    const xs = sample(20000, (d) => d.normal());
    expect(Math.abs(mean(xs))).toBeLessThan(0.03);
    expect(variance(xs)).toBeGreaterThan(0.95);
    expect(variance(xs)).toBeLessThan(1.05);
  });

  it.each([0.7, 4, 25, 400])('gives Poisson counts with mean and variance %p', (m) => {
    const xs = sample(20000, (d) => d.poisson(m));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean(xs) - m) / m).toBeLessThan(0.03);
    expect(Math.abs(variance(xs) - m) / m).toBeLessThan(0.08);
  });

  it.each([
    [10, 0.05],
    [30, 0.8],
    [2000, 0.02],
    [500, 0.6],
  ])('gives binomial counts for n=%p p=%p within [0, n] with mean np', (n, p) => {
    const xs = sample(20000, (d) => d.binomial(n, p));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    expect(Math.abs(mean(xs) - n * p) / (n * p)).toBeLessThan(0.03);
    expect(Math.abs(variance(xs) - n * p * (1 - p)) / (n * p * (1 - p))).toBeLessThan(0.1);
  });

  it('handles degenerate arguments', () => {
    const d = new Draws(1, 1, 1);
    expect(d.poisson(0)).toBe(0);
    expect(d.binomial(0, 0.5)).toBe(0);
    expect(d.binomial(12, 0)).toBe(0);
    expect(d.binomial(12, 1)).toBe(12);
  });
});
