import { planQuery } from './query-plan';

const day = 86400000;

describe('planQuery', () => {
  it('widens a 1-minute interval to honour maxDataPoints and serves it from hourly rollups', () => {
    const p = planQuery({
      fromMs: 0,
      toMs: 30 * day,
      intervalMs: 60000,
      maxDataPoints: 1000,
      aggregation: 'avg',
    });
    expect(p.intervalMs).toBe(3600000);
    expect(p.resolution).toBe(3600);
    expect((30 * day) / p.intervalMs).toBeLessThanOrEqual(1000);
  });

  it('keeps the requested interval when maxDataPoints allows it', () => {
    const p = planQuery({
      fromMs: 0,
      toMs: 3600000,
      intervalMs: 60000,
      maxDataPoints: 1000,
      aggregation: 'sum',
    });
    expect(p).toMatchObject({ intervalMs: 60000, resolution: 60 });
  });

  it('reads raw points for sub-minute buckets and for p95', () => {
    expect(
      planQuery({ fromMs: 0, toMs: 600000, intervalMs: 10000, maxDataPoints: 1000, aggregation: 'avg' })
        .resolution,
    ).toBe(0);
    expect(planQuery({ fromMs: 0, toMs: 30 * day, maxDataPoints: 30, aggregation: 'p95' }).resolution).toBe(
      0,
    );
  });

  it('uses daily rollups for daily buckets and aligns the start', () => {
    const p = planQuery({ fromMs: 5 * day + 1234, toMs: 400 * day, maxDataPoints: 400, aggregation: 'max' });
    expect(p.resolution).toBe(86400);
    expect(p.fromMs % p.intervalMs).toBe(0);
    expect(p.fromMs).toBeLessThanOrEqual(5 * day + 1234);
  });

  it('widens the interval when a range off the bucket boundaries would need more than maxDataPoints', () => {
    const h = 3600000;
    const p = planQuery({ fromMs: h, toMs: 31 * h, maxDataPoints: 10, aggregation: 'avg' });
    expect(p.intervalMs).toBe(6 * h);
    expect((p.toMs - p.fromMs) / p.intervalMs).toBeLessThanOrEqual(10);
    const aligned = planQuery({ fromMs: 0, toMs: 30 * h, maxDataPoints: 10, aggregation: 'avg' });
    expect(aligned.intervalMs).toBe(3 * h);
    // one bucket cannot be had for a range across a boundary: two, not an endless search
    expect(
      planQuery({ fromMs: day - 1, toMs: day + 1, maxDataPoints: 1, aggregation: 'avg' }).intervalMs,
    ).toBe(1000);
  });

  it('ends on a bucket boundary so rollup and raw reads cover the same points', () => {
    const p = planQuery({
      fromMs: 0,
      toMs: 10.5 * 3600000 + 30000,
      intervalMs: 3600000,
      maxDataPoints: 1000,
      aggregation: 'count',
    });
    expect(p.toMs).toBe(11 * 3600000);
    expect(
      planQuery({ fromMs: 0, toMs: 7200000, intervalMs: 3600000, maxDataPoints: 1000, aggregation: 'avg' })
        .toMs,
    ).toBe(7200000);
  });
});
