import { detectLevelShifts } from './level-shift';
import { ar1, dailyShape, gaussian, WEEKLY_SHAPE } from './synthetic';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5);

/** Hourly values with a daytime peak, AR(1) noise and an optional step of `step` from hour `at`. */
function hourly(hours: number, seed: number, at = -1, step = 0, rho = 0.5): number[] {
  const noise = ar1(seed, rho);
  return Array.from(
    { length: hours },
    (_, h) => 100 * dailyShape(h % 24) + (at >= 0 && h >= at ? step : 0) + 5 * noise(),
  );
}

describe('detectLevelShifts', () => {
  it('finds a planted step in hourly data with a daily pattern, its time and its size', () => {
    const xs = hourly(1000, 1, 700, 15);
    const times = xs.map((_, i) => START + i * HOUR);
    const shifts = detectLevelShifts(xs, { period: 24, times });
    expect(shifts).toHaveLength(1);
    const [s] = shifts;
    expect(Math.abs(s.index - 700)).toBeLessThanOrEqual(12);
    expect(s.timeMs).toBe(times[s.index]);
    expect(s.size).toBeGreaterThan(12);
    expect(s.size).toBeLessThan(18);
    expect(s.relativeSize!).toBeCloseTo(s.size / s.before, 10);
    expect(s.pValue).toBeLessThan(1e-6);
  });

  it('finds a drop and a recovery (two shifts) on daily data', () => {
    const g = gaussian(2);
    const xs = Array.from({ length: 90 }, (_, d) => (d >= 30 && d < 60 ? 70 : 100) + 3 * g());
    const shifts = detectLevelShifts(xs);
    expect(shifts.map((s) => s.index)).toEqual([30, 60]);
    expect(shifts[0].size).toBeLessThan(-25);
    expect(shifts[1].size).toBeGreaterThan(25);
  });

  it('finds a clear 30 % step in the last weeks of 56 daily means with a weekly shape (alpha 0.001)', () => {
    // Eight weeks of daily means (5 % noise, mildly autocorrelated) stepping up 30 % two, one and a half,
    // and ten days before the end: the case of a KPI that changed recently. Pettitt's rank statistic alone
    // cannot reach p < 0.001 with so few values after the split, whatever the size of the step.
    for (const at of [42, 46]) {
      for (let seed = 1; seed <= 20; seed++) {
        const noise = ar1(seed, 0.3);
        const xs = Array.from(
          { length: 56 },
          (_, d) => 100 * WEEKLY_SHAPE[d % 7] * (d >= at ? 1.3 : 1) * Math.exp(0.05 * noise()),
        );
        const shifts = detectLevelShifts(xs, { period: 7, alpha: 0.001 });
        expect(shifts).toHaveLength(1);
        expect(Math.abs(shifts[0].index - at)).toBeLessThanOrEqual(1);
        expect(shifts[0].relativeSize!).toBeGreaterThan(0.22);
        expect(shifts[0].relativeSize!).toBeLessThan(0.38);
      }
    }
  });

  it('is not fooled by spikes', () => {
    const xs = hourly(500, 3);
    xs[100] = 5000;
    xs[300] = -5000;
    xs[301] = 4000;
    expect(detectLevelShifts(xs, { period: 24 })).toEqual([]);
  });

  it('skips missing values, reporting indices of the values given, and refuses mismatched times', () => {
    const g = gaussian(5);
    const xs = Array.from({ length: 60 }, (_, d) => (d >= 40 ? 130 : 100) + 3 * g());
    for (const d of [5, 38, 39, 40, 41]) xs[d] = NaN;
    const shifts = detectLevelShifts(xs);
    expect(shifts.map((s) => s.index)).toEqual([42]);
    expect(() => detectLevelShifts([1, 2, 3], { times: [1] })).toThrow(/times/);
  });

  it('fires at most at about its nominal rate (1%) on autocorrelated hourly noise', () => {
    let fired = 0;
    const runs = 300;
    for (let seed = 1; seed <= runs; seed++)
      if (detectLevelShifts(hourly(720, seed), { period: 24 }).length) fired++;
    expect(fired / runs).toBeLessThan(0.03);
  });

  it('fires at most at about its nominal rate on white daily noise', () => {
    let fired = 0;
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const g = gaussian(seed);
      if (
        detectLevelShifts(
          Array.from({ length: 60 }, () => g()),
          { alpha: 0.05 },
        ).length
      )
        fired++;
    }
    expect(fired / runs).toBeLessThan(0.075);
  });

  it('finds a half-sigma step over a month of hourly data in most runs (power)', () => {
    let found = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const shifts = detectLevelShifts(hourly(720, seed, 360, 2.5, 0.3), { period: 24 });
      if (shifts.some((s) => Math.abs(s.index - 360) < 48 && s.size > 0)) found++;
    }
    expect(found).toBeGreaterThan(40);
  });
});
