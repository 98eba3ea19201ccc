import type { ForecastPoint } from '@kpilens/contract';
import { forecastDaily, projectedToMiss } from './forecast';
import { gaussian, WEEKLY_SHAPE } from './synthetic';

const DAY = 86_400_000;
const LAST = Date.UTC(2026, 2, 1);

/** Daily values: a level that wanders (local-level innovations, alpha 0.3), a weekly shape and noise. */
function wandering(seed: number, days: number): number[] {
  const g = gaussian(seed);
  let level = 100;
  return Array.from({ length: days }, (_, d) => {
    const e = 5 * g();
    const y = level + 20 * (WEEKLY_SHAPE[d % 7] - 1) + e;
    level += 0.3 * e;
    return y;
  });
}

describe('forecastDaily', () => {
  it('continues an exact weekly pattern with a tight interval, one point a day in the contract shape', () => {
    const values = Array.from({ length: 56 }, (_, d) => 100 * WEEKLY_SHAPE[d % 7]);
    const f = forecastDaily(values, LAST);
    expect(f.method).toBe('ets-AAdA');
    expect(f.level).toBe(0.8);
    expect(f.points).toHaveLength(90);
    expect(f.points[0].time).toBe(new Date(LAST + DAY).toISOString());
    expect(f.points[89].time).toBe(new Date(LAST + 90 * DAY).toISOString());
    // Exactly the contract's ForecastPoint fields.
    for (const p of f.points) expect(Object.keys(p).sort()).toEqual(['lower', 'time', 'upper', 'yhat']);
    f.points.slice(0, 14).forEach((p, h) => {
      expect(p.yhat).toBeCloseTo(100 * WEEKLY_SHAPE[(56 + h) % 7], 6);
      expect(p.upper - p.lower).toBeLessThan(1e-6);
    });
  });

  it('follows a trend, damped over long horizons', () => {
    const g = gaussian(1);
    const values = Array.from({ length: 90 }, (_, d) => 100 + 2 * d + g());
    const f = forecastDaily(values, LAST);
    // Next week: close to the line (100 + 2 * 96 = 292).
    expect(f.points[6].yhat).toBeGreaterThan(285);
    expect(f.points[6].yhat).toBeLessThan(296);
    // 90 days on: still rising, but not by 2 a day all the way (phi < 1).
    expect(f.points[89].yhat).toBeGreaterThan(f.points[29].yhat);
    expect(f.points[89].yhat).toBeLessThan(100 + 2 * 179);
    expect(f.params.phi).toBeLessThan(1);
  });

  it('covers about 80% of outcomes with its 80% interval (simulated data, 7 and 30 days ahead)', () => {
    const runs = 200;
    let week = 0;
    let month = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const all = wandering(seed, 120);
      const f = forecastDaily(all.slice(0, 90), LAST);
      for (let h = 1; h <= 7; h++)
        if (all[89 + h] >= f.points[h - 1].lower && all[89 + h] <= f.points[h - 1].upper) week++;
      if (all[119] >= f.points[29].lower && all[119] <= f.points[29].upper) month++;
    }
    expect(week / (7 * runs)).toBeGreaterThan(0.74);
    expect(week / (7 * runs)).toBeLessThan(0.86);
    expect(month / runs).toBeGreaterThan(0.72);
    expect(month / runs).toBeLessThan(0.9);
  });

  it('widens the interval with the horizon and honours level and min', () => {
    const values = wandering(7, 90);
    const f80 = forecastDaily(values, LAST);
    const f95 = forecastDaily(values, LAST, { level: 0.95, horizonDays: 30 });
    expect(f95.points).toHaveLength(30);
    const width = (p: ForecastPoint) => p.upper - p.lower;
    expect(width(f80.points[29])).toBeGreaterThan(width(f80.points[0]));
    expect(width(f95.points[0])).toBeCloseTo((width(f80.points[0]) * 1.959964) / 1.281552, 4);
    const clipped = forecastDaily(
      values.map((v) => v - 100),
      LAST,
      { min: 0 },
    );
    for (const p of clipped.points) expect(p.lower).toBeGreaterThanOrEqual(0);
  });

  it('skips missing days, falls back to no seasonality on short series, refuses too little data', () => {
    const values = wandering(8, 60);
    values[10] = NaN;
    values[59] = NaN;
    const f = forecastDaily(values, LAST);
    expect(f.n).toBe(58);
    for (const p of f.points) expect(Number.isFinite(p.yhat) && Number.isFinite(p.lower)).toBe(true);
    expect(forecastDaily([1, 2, 3, 4, 5, 6], LAST).method).toBe('ets-AAdN');
    expect(() => forecastDaily([1, 2, NaN], LAST)).toThrow(/at least 4 days/);
    expect(() => forecastDaily([1, 2, 3, 4], LAST, { level: 80 })).toThrow(/level/);
  });
});

describe('projectedToMiss', () => {
  const point = (day: number, yhat: number): ForecastPoint => ({
    time: new Date(LAST + day * DAY).toISOString(),
    yhat,
    lower: yhat - 5,
    upper: yhat + 5,
  });
  const forecast = { points: [point(1, 110), point(2, 100), point(3, 95), point(4, 90)] };

  it('reports the first day on the wrong side of the target', () => {
    expect(projectedToMiss(forecast, 98, 'up')).toEqual({
      projectedToMiss: true,
      missAt: forecast.points[2].time,
      point: forecast.points[2],
    });
    expect(projectedToMiss(forecast, 105, 'down').missAt).toBe(forecast.points[0].time);
    expect(projectedToMiss(forecast, 80, 'up')).toEqual({
      projectedToMiss: false,
      missAt: null,
      point: null,
    });
    expect(projectedToMiss(forecast, 98, 'up', 2).projectedToMiss).toBe(false);
  });

  it('sees a declining KPI miss its floor about when the decline reaches it', () => {
    const g = gaussian(3);
    const values = Array.from({ length: 60 }, (_, d) => 200 - d + g());
    // The line reaches 120 at day 80, i.e. 21 days after the last value (day 59).
    const r = projectedToMiss(forecastDaily(values, LAST), 120, 'up');
    expect(r.projectedToMiss).toBe(true);
    const days = (Date.parse(r.missAt!) - LAST) / DAY;
    expect(days).toBeGreaterThanOrEqual(19);
    expect(days).toBeLessThanOrEqual(26);
  });
});
