import { startOfUtcDay, toDaily } from './daily';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2026, 0, 5);

describe('toDaily', () => {
  const hours = (days: number, value: (h: number) => number): Array<[number, number]> =>
    Array.from({ length: days * 24 }, (_, h) => [D0 + h * HOUR, value(h)]);

  it('sums or averages the hours of each UTC day', () => {
    const pts = hours(3, (h) => (h < 24 ? 1 : 2));
    expect(toDaily(pts, { aggregate: 'sum' })).toEqual({
      firstDayMs: D0,
      values: [24, 48, 48],
      counts: [24, 24, 24],
    });
    expect(toDaily(pts, { aggregate: 'mean' }).values).toEqual([1, 2, 2]);
  });

  it('leaves partial and empty days out (NaN), in any point order', () => {
    const pts = hours(2, () => 1).filter((_, h) => h < 24 || h >= 40); // day 2 has 8 hours
    pts.reverse();
    const d = toDaily(pts, { aggregate: 'sum', toDayMs: D0 + 3 * DAY });
    expect(d.values[0]).toBe(24);
    expect(d.values[1]).toBeNaN();
    expect(d.values[2]).toBeNaN();
    expect(d.counts).toEqual([24, 8, 0]);
    expect(toDaily(pts, { aggregate: 'sum', minPoints: 8 }).values).toEqual([24, 8]);
  });

  it('uses the given day range, skips non-finite values and refuses times off midnight', () => {
    const pts = hours(3, (h) => (h === 30 ? NaN : 1));
    const d = toDaily(pts, { aggregate: 'sum', fromDayMs: D0 + DAY, toDayMs: D0 + 2 * DAY, minPoints: 1 });
    expect(d).toEqual({ firstDayMs: D0 + DAY, values: [23], counts: [23] });
    expect(toDaily([], { aggregate: 'mean' }).values).toEqual([]);
    expect(() => toDaily(pts, { aggregate: 'sum', fromDayMs: D0 + HOUR })).toThrow(/00:00 UTC/);
    expect(startOfUtcDay(D0 + 5 * HOUR)).toBe(D0);
  });
});
