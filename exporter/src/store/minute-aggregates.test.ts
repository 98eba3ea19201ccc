import { minuteAggregates } from './minute-aggregates';

describe('minuteAggregates', () => {
  it('aggregates each series per minute, the last value by time', () => {
    const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
    const sid = [1, 1, 1, 1, 2];
    const ts = [t0 + 1000, t0 + 30_500, t0 + 59_999, t0 + 60_000, t0 + 5000];
    const val = [3, -1, 7, 4, 9];
    expect(minuteAggregates(sid, ts, val)).toEqual({
      seriesIds: [1, 1, 2],
      minutes: [t0 / 1000, t0 / 1000 + 60, t0 / 1000],
      counts: [3, 1, 1],
      sums: [9, 4, 9],
      mins: [-1, 4, 9],
      maxs: [7, 4, 9],
      lasts: [7, 4, 9],
      lastTimes: [(t0 + 59_999) / 1000, (t0 + 60_000) / 1000, (t0 + 5000) / 1000],
    });
  });

  it('puts times before the epoch in the minute that contains them', () => {
    const out = minuteAggregates([5], [-1000], [1]);
    expect(out.minutes).toEqual([-60]);
  });

  it('returns empty arrays for no points', () => {
    expect(minuteAggregates([], [], []).seriesIds).toEqual([]);
  });
});
