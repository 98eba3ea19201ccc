import { DAY_MS, SamplingInterval, SeasonalMemory, WEEK_MS } from './seasonal-memory';

const HOUR = 3_600_000;

describe('SamplingInterval', () => {
  it('learns the median gap, ignoring an outage', () => {
    const s = new SamplingInterval(5);
    [0, 300_000, 600_000, 900_000, 10_000_000, 10_300_000].forEach((t) => s.observe(t));
    expect(s.slotMs).toBe(300_000);
  });

  it('gives up on seasonality for sparse series', () => {
    const s = new SamplingInterval(3);
    [0, 1, 2, 3].forEach((i) => s.observe(i * 6 * HOUR));
    expect(s.slotMs).toBeNull();
  });

  it('is undefined while learning', () => {
    const s = new SamplingInterval(3);
    s.observe(0);
    s.observe(60_000);
    expect(s.slotMs).toBeUndefined();
  });
});

describe('SeasonalMemory', () => {
  it('expects the median of the same hour on past days, once two days are seen', () => {
    const m = new SeasonalMemory(DAY_MS, 3);
    const value = (day: number, hour: number) => (hour === 9 ? [10, 50, 12, 11][day] : 1);
    for (let day = 0; day < 4; day++) {
      for (let hour = 0; hour < 24; hour++) {
        const t = day * DAY_MS + hour * HOUR;
        if (day === 1 && hour === 0) expect(m.expected(t, HOUR)).toBeUndefined();
        m.add(t, value(day, hour), HOUR);
      }
    }
    // Day 0 fell out (depth 3): median of 50, 12, 11.
    expect(m.expected(4 * DAY_MS + 9 * HOUR, HOUR)).toBe(12);
    expect(m.expected(4 * DAY_MS + 10 * HOUR, HOUR)).toBe(1);
  });

  it('tells weekdays apart in a weekly memory', () => {
    const m = new SeasonalMemory(WEEK_MS, 4);
    // 2014-04-07 was a Monday; Sundays are quiet.
    const monday = Date.UTC(2014, 3, 7);
    for (let day = 0; day < 21; day++) m.add(monday + day * DAY_MS, day % 7 === 6 ? 1 : 100, DAY_MS);
    expect(m.expected(monday + 27 * DAY_MS, DAY_MS)).toBe(1);
    expect(m.expected(monday + 22 * DAY_MS, DAY_MS)).toBe(100);
  });
});
