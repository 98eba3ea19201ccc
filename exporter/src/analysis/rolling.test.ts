import { RollingWindow, median } from './rolling';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('RollingWindow', () => {
  it('keeps only the newest values up to its capacity', () => {
    const w = new RollingWindow(3);
    [1, 2, 3, 4, 100].forEach((x) => w.push(x));
    expect(w.values).toEqual([3, 4, 100]);
    expect(w.median()).toBe(4);
  });

  it('averages the newest values', () => {
    const w = new RollingWindow(4);
    [1, 2, 3, 6].forEach((x) => w.push(x));
    expect(w.meanOfLast(1)).toBe(6);
    expect(w.meanOfLast(2)).toBe(4.5);
    expect(w.meanOfLast(5)).toBeNaN();
  });

  it('refuses a capacity below one', () => {
    expect(() => new RollingWindow(0)).toThrow(/capacity/);
  });
});
