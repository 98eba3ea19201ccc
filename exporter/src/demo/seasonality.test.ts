import { dailyFactor, trendFactor, weeklyFactor } from './seasonality';

describe('seasonal shapes', () => {
  it('peaks at the peak hour and bottoms out twelve hours later, averaging 1 over a day', () => {
    const day = Array.from({ length: 24 }, (_, h) => dailyFactor(h, 20, 0.5));
    expect(day[20]).toBeCloseTo(1.5);
    expect(day[8]).toBeCloseTo(0.5);
    expect(Math.max(...day)).toBe(day[20]);
    expect(day.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1);
  });

  it('wraps around midnight', () => {
    expect(dailyFactor(1, 23, 0.4)).toBeCloseTo(dailyFactor(21, 23, 0.4));
  });

  it('sets weekends apart', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => weeklyFactor(d, 0.6))).toEqual([0.6, 1, 1, 1, 1, 1, 0.6]);
  });

  it('compounds the trend', () => {
    expect(trendFactor(0, 0.01)).toBe(1);
    expect(trendFactor(100, 0.002)).toBeCloseTo(1.2213, 3);
  });
});
