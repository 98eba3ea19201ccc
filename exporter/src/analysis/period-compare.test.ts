import { comparePeriods } from './period-compare';
import { ar1, dailyShape, WEEKLY_SHAPE } from './synthetic';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5); // a Monday

/** Hourly points over `days` days: daily and weekly shape, AR(1) noise of sd `sd`, times `lift` from `liftFrom`. */
function hourly(days: number, seed: number, liftFrom = Infinity, lift = 1, sd = 8): Array<[number, number]> {
  const noise = ar1(seed, 0.5);
  return Array.from({ length: days * 24 }, (_, h) => {
    const t = START + h * HOUR;
    const level =
      100 * dailyShape(h % 24) * WEEKLY_SHAPE[Math.floor(h / 24) % 7] * (t >= liftFrom ? lift : 1);
    return [t, level + sd * noise()];
  });
}

describe('comparePeriods', () => {
  it('finds a 10% rise week over week, with the right sizes', () => {
    const end = START + 35 * DAY;
    const c = comparePeriods(hourly(35, 1, end - 7 * DAY, 1.1, 3), 'week', end);
    expect(c.pairs).toBe(168);
    expect(c.significant).toBe(true);
    expect(c.change).toBeGreaterThan(0);
    expect(c.relativeChange!).toBeGreaterThan(0.08);
    expect(c.relativeChange!).toBeLessThan(0.12);
    expect(c.currentStartMs).toBe(end - 7 * DAY);
    expect(c.previousStartMs).toBe(end - 14 * DAY);
  });

  it('reports sums for counts', () => {
    const pts: Array<[number, number]> = [];
    for (let h = 0; h < 48; h++) pts.push([START + h * HOUR, h < 24 ? 2 : 3]);
    const c = comparePeriods(pts, 'day', START + 2 * DAY, { aggregate: 'sum' });
    expect(c.previous).toBe(48);
    expect(c.current).toBe(72);
    expect(c.change).toBe(24);
    expect(c.relativeChange).toBe(0.5);
    expect(c.pValue).toBe(0); // every hour rose by exactly one: no doubt at all
  });

  it('compares like hours, so a strong daily pattern is not noise', () => {
    // A 5% drop today hides in a day whose hours swing by +-50%, but not hour by hour.
    // Day 9 is a Wednesday, day 8 a Tuesday: the same weekly level, so only the drop differs.
    const end = START + 10 * DAY;
    const c = comparePeriods(hourly(10, 2, end - DAY, 0.95), 'day', end);
    expect(c.relativeChange!).toBeLessThan(0);
    expect(c.significant).toBe(true);
  });

  it('finds a 4-week month over month drop of 3%', () => {
    const end = START + 56 * DAY;
    const c = comparePeriods(hourly(56, 3, end - 28 * DAY, 0.97), 'month', end);
    expect(c.pairs).toBe(672);
    expect(c.significant).toBe(true);
    expect(c.relativeChange!).toBeLessThan(-0.02);
  });

  it('ignores missing hours and gives no verdict on too few pairs', () => {
    const pts = hourly(2, 4).filter((_, i) => i % 3 === 0);
    const c = comparePeriods(pts.slice(0, 10), 'day', START + 2 * DAY);
    expect(c.pairs).toBeLessThan(12);
    expect(c.pValue).toBe(1);
    expect(comparePeriods([], 'week', START).relativeChange).toBeNull();
    expect(() => comparePeriods([], 'year' as 'week', START)).toThrow(/period/);
  });

  it.each(['day', 'week', 'month'] as const)(
    'fires near the nominal 5%% rate comparing a %s of unchanged autocorrelated data',
    (period) => {
      let fired = 0;
      const runs = 300;
      for (let seed = 1; seed <= runs; seed++) {
        const c = comparePeriods(hourly(56, seed * 7 + 1), period, START + 56 * DAY);
        // Day over day would compare a Sunday with a Saturday, a real change of the weekly shape: the null
        // for 'day' is checked on a Wednesday against a Tuesday, which share their weekly level.
        if (period !== 'day' && c.significant) fired++;
        if (period === 'day' && comparePeriods(hourly(10, seed), 'day', START + 10 * DAY).significant)
          fired++;
      }
      expect(fired / runs).toBeGreaterThan(0.01);
      expect(fired / runs).toBeLessThan(0.1);
    },
  );
});
