import { isWindowsJson, parseLabelsJson, parseWindowsJson, windowsFromLabels } from './labels';

const t = (minute: number) => Date.UTC(2014, 3, 10, 0, minute);

describe('label files', () => {
  it('parses windows and labels as timestamps', () => {
    const windows = {
      'a/x.csv': [['2014-04-10 00:01:00.000000', '2014-04-10 00:03:00.000000']],
      'a/y.csv': [],
    };
    expect(parseWindowsJson(windows)).toEqual({ 'a/x.csv': [[t(1), t(3)]], 'a/y.csv': [] });
    expect(isWindowsJson(windows)).toBe(true);
    const labels = { 'a/x.csv': ['2014-04-10 00:02:00'] };
    expect(isWindowsJson(labels)).toBe(false);
    expect(parseLabelsJson(labels)).toEqual({ 'a/x.csv': [t(2)] });
    expect(() => parseWindowsJson({ 'a/x.csv': [['2014-04-10 00:01:00']] })).toThrow(/start, end/);
  });

  it('rebuilds windows from labels: 10% of the rows shared among labels, centred, clipped, merged', () => {
    const stamps = Array.from({ length: 100 }, (_, i) => t(i));
    // One label: 10 rows, half-width 5.
    expect(windowsFromLabels(stamps, [t(50)])).toEqual([[t(45), t(55)]]);
    // Clipped at the file start.
    expect(windowsFromLabels(stamps, [t(2)])).toEqual([[t(0), t(7)]]);
    // Two labels get 5 rows each (half-width 2); close labels merge.
    expect(windowsFromLabels(stamps, [t(80), t(20)])).toEqual([
      [t(18), t(22)],
      [t(78), t(82)],
    ]);
    expect(windowsFromLabels(stamps, [t(20), t(23)])).toEqual([[t(18), t(25)]]);
    expect(windowsFromLabels(stamps, [])).toEqual([]);
  });
});
