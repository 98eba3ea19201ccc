import { detectTrend } from './trends';
import { ar1, gaussian, WEEKLY_SHAPE } from './synthetic';

/** A daily series: level + slope * day, times the weekly shape, plus noise. */
function daily(days: number, level: number, slope: number, noise: () => number, sd: number): number[] {
  return Array.from({ length: days }, (_, d) => (level + slope * d) * WEEKLY_SHAPE[d % 7] + sd * noise());
}

function falsePositiveRate(runs: number, make: (seed: number) => number[]): number {
  let fired = 0;
  for (let seed = 1; seed <= runs; seed++) if (detectTrend(make(seed)).significant) fired++;
  return fired / runs;
}

describe('detectTrend', () => {
  it('finds a planted upward slope and measures it', () => {
    const t = detectTrend(daily(60, 100, 0.5, gaussian(1), 3));
    expect(t.direction).toBe('up');
    expect(t.significant).toBe(true);
    expect(t.pValue).toBeLessThan(0.01);
    expect(t.slopePerDay).toBeGreaterThan(0.4);
    expect(t.slopePerDay).toBeLessThan(0.6);
    expect(t.relativeSlope!).toBeCloseTo(t.slopePerDay / t.level, 10);
    expect(t.n).toBe(60);
    expect(t.method).toBe('seasonal-kendall');
    // The line starts near 100 times the median weekday's factor (1.05).
    expect(t.start).toBeGreaterThan(98);
    expect(t.start).toBeLessThan(110);
    expect(t.end - t.start).toBeCloseTo(59 * t.slopePerDay, 6);
  });

  it('uses the plain Mann-Kendall test below 3 weeks', () => {
    const g = gaussian(9);
    const t = detectTrend(Array.from({ length: 20 }, (_, d) => 100 + 2 * d + 3 * g()));
    expect(t.method).toBe('mann-kendall');
    expect(t.direction).toBe('up');
  });

  it('finds a planted downward slope of 0.3% a day in noisy data', () => {
    const t = detectTrend(daily(90, 1000, -3, gaussian(2), 40));
    expect(t.direction).toBe('down');
    expect(t.relativeSlope!).toBeLessThan(-0.002);
    expect(t.relativeSlope!).toBeGreaterThan(-0.004);
  });

  it('is not tilted by a few outlier days', () => {
    const xs = daily(60, 100, 0, gaussian(3), 2);
    xs[55] = 1000;
    xs[57] = 900;
    const t = detectTrend(xs);
    expect(t.significant).toBe(false);
    expect(Math.abs(t.slopePerDay)).toBeLessThan(0.1);
  });

  it('skips missing days (NaN)', () => {
    const xs = daily(60, 100, 1, gaussian(4), 3);
    for (let d = 10; d < 20; d++) xs[d] = NaN;
    const t = detectTrend(xs);
    expect(t.n).toBe(50);
    expect(t.slopePerDay).toBeCloseTo(1, 0);
  });

  it('says nothing about too short or constant series', () => {
    expect(detectTrend([1, 2, 3]).direction).toBe('flat');
    expect(detectTrend([1, 2, 3]).pValue).toBe(1);
    const flat = detectTrend(new Array(30).fill(5));
    expect(flat.significant).toBe(false);
    expect(flat.slopePerDay).toBe(0);
  });

  it('fires at about the nominal 5% rate on white noise with a weekly pattern', () => {
    const rate = falsePositiveRate(400, (seed) => daily(60, 100, 0, gaussian(seed), 5));
    expect(rate).toBeGreaterThan(0.015);
    expect(rate).toBeLessThan(0.085);
  });

  it('stays near the nominal rate on autocorrelated noise (AR(1), rho 0.6)', () => {
    const rate = falsePositiveRate(400, (seed) => daily(90, 100, 0, ar1(seed, 0.6), 5));
    expect(rate).toBeLessThan(0.1);
  });

  it('stays near the nominal rate on small counts full of ties', () => {
    const rate = falsePositiveRate(400, (seed) => {
      const g = gaussian(seed);
      return Array.from({ length: 60 }, () => Math.max(0, Math.round(3 + 1.5 * g())));
    });
    expect(rate).toBeLessThan(0.085);
  });

  it('detects a 0.5%-a-day trend in most runs (power)', () => {
    let found = 0;
    for (let seed = 1; seed <= 100; seed++)
      if (detectTrend(daily(60, 100, 0.5, gaussian(seed), 5)).direction === 'up') found++;
    expect(found).toBeGreaterThan(90);
  });
});
