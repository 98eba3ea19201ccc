import { IngestionRate } from './ingestion-rate';

const T0 = Date.parse('2026-05-01T12:00:00Z');

describe('IngestionRate', () => {
  it('sums the points of each window and divides by its length', () => {
    const rate = new IngestionRate(T0 - 7_200_000);
    rate.record(1, 600, T0 - 30_000);
    rate.record(1, 300, T0 - 200_000);
    rate.record(1, 3600, T0 - 1_800_000);
    rate.record(1, 999, T0 - 4_000_000); // older than the hour: gone
    rate.record(2, 5, T0 - 1000); // another organization
    expect(rate.windows(1, T0)).toEqual([
      { seconds: 60, points: 600, perSecond: 10 },
      { seconds: 300, points: 900, perSecond: 3 },
      { seconds: 3600, points: 4500, perSecond: 1.25 },
    ]);
    expect(rate.windows(3, T0).map((w) => w.points)).toEqual([0, 0, 0]);
    expect(rate.lastWrite(1)).toBe(T0 - 30_000);
    expect(rate.lastWrite(3)).toBeNull();
  });

  it('forgets a slot reused an hour later', () => {
    const rate = new IngestionRate(T0 - 7_200_000);
    rate.record(1, 100, T0 - 3_600_000);
    rate.record(1, 7, T0);
    expect(rate.windows(1, T0)[2].points).toBe(7);
  });

  it('divides by the time the replica ran when it started within the window', () => {
    const rate = new IngestionRate(T0 - 100_000);
    rate.record(1, 500, T0 - 50_000);
    expect(rate.windows(1, T0)[2]).toEqual({ seconds: 3600, points: 500, perSecond: 5 });
  });
});
