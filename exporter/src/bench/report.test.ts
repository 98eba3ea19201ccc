import { formatRows, rateRow, timeRow } from './report';
import { storeShape } from './read';

describe('benchmark report', () => {
  it('states ratios so that above 1 is better than the baseline, for rates and for times', () => {
    expect(rateRow('ingest', 200, 'points/s', 'COPY', 400).ratio).toBe(0.5);
    expect(timeRow('p95', 10, 'raw SQL', 50).ratio).toBe(5);
  });

  it('prints a markdown table and a JSON line', () => {
    const lines = formatRows([rateRow('ingest', 150000, 'points/s', 'COPY', 500000)]);
    expect(lines[2]).toBe('| ingest | 150,000 points/s | COPY | 500,000 points/s | 0.30x |');
    expect(JSON.parse(lines[3])[0]).toMatchObject({ measure: 'ingest', value: 150000 });
  });
});

describe('read benchmark store', () => {
  it('holds about the requested points in whole groups of the queried series', () => {
    const s = storeShape({ points: 10_000_000, stepSeconds: 20, seriesPerQuery: 10 });
    expect(s).toEqual({ perSeries: 129_600, metrics: 8, series: 80 });
  });
});
