import { createDataFrame, FieldType } from '@grafana/data';
import { sortSummaries, summarizeFrames, type KpiSummary } from './kpi-summary';

function series(name: string, values: Array<number | null>, labels?: Record<string, string>, unit?: string) {
  return createDataFrame({
    name,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => i * 1000) },
      { name: 'Value', type: FieldType.number, values, labels, config: { unit } },
    ],
  });
}

describe('summarizeFrames', () => {
  it('reduces each number field to its last value and relative change', () => {
    const rows = summarizeFrames([series('revenue', [100, 90, 125], undefined, 'currencyUSD')]);
    expect(rows).toEqual([{ name: 'revenue', last: 125, change: 0.25, unit: 'currencyUSD' }]);
  });

  it('ignores missing and non-finite points', () => {
    const [row] = summarizeFrames([series('ctr', [null, 0.5, NaN, 0.25, null])]);
    expect(row.last).toBe(0.25);
    expect(row.change).toBe(-0.5);
  });

  it('has no change for a single point or a start at zero, and no row for an empty series', () => {
    const rows = summarizeFrames([series('a', [3]), series('b', [0, 5]), series('c', [null])]);
    expect(rows.map((r) => [r.name, r.change])).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  it('measures change against the magnitude of a negative start', () => {
    expect(summarizeFrames([series('margin', [-10, -5])])[0].change).toBe(0.5);
  });

  it('names series of one query apart by their labels', () => {
    const rows = summarizeFrames([
      series('ctr', [1, 2], { platform: 'instagram' }),
      series('ctr', [3, 4], { platform: 'tiktok' }),
    ]);
    expect(new Set(rows.map((r) => r.name)).size).toBe(2);
    expect(rows[0].name).toContain('instagram');
  });
});

describe('sortSummaries', () => {
  const rows: KpiSummary[] = [
    { name: 'b', last: 1, change: null },
    { name: 'a', last: 1, change: null },
    { name: 'c', last: 9, change: null },
  ];

  it('sorts by name, or by latest value (largest first, ties by name), without changing its input', () => {
    expect(sortSummaries(rows, 'name').map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(sortSummaries(rows, 'value').map((r) => r.name)).toEqual(['c', 'a', 'b']);
    expect(rows.map((r) => r.name)).toEqual(['b', 'a', 'c']);
  });
});
