import { bandBucketMs, HOUR_MS, replayBand } from './anomaly-band';
import { StreamingAnomalyDetector } from './streaming-detector';

const DAY = 24 * HOUR_MS;

function daily(hours: number, spikeAt?: number): Array<[number, number]> {
  return Array.from({ length: hours }, (_, i) => [
    i * HOUR_MS,
    100 + 20 * Math.sin((2 * Math.PI * (i % 24)) / 24) + (i === spikeAt ? 300 : 0) + ((i * 7) % 5),
  ]);
}

describe('bandBucketMs', () => {
  it('uses whole hours, at least the interval asked, within maxDataPoints', () => {
    expect(bandBucketMs(0, DAY, 60_000, 1000)).toBe(HOUR_MS);
    expect(bandBucketMs(0, DAY, 90 * 60_000, 1000)).toBe(2 * HOUR_MS);
    expect(bandBucketMs(0, 100 * DAY, undefined, 100)).toBe(24 * HOUR_MS);
    expect(bandBucketMs(0, 100 * DAY, undefined, 1000)).toBe(3 * HOUR_MS);
  });
});

describe('replayBand', () => {
  const hours = daily(40 * 24, 35 * 24 + 5);
  const from = 30 * DAY;
  const to = 38 * DAY;

  it('returns the hours of the range with the band the causal detector had at each', () => {
    const band = replayBand(hours, from, to, HOUR_MS);
    expect(band).toHaveLength(8 * 24);
    expect(band[0][0]).toBe(from);
    expect(band[band.length - 1][0]).toBe(to - HOUR_MS);
    // The same detector fed the same history gives the same expectation at each hour.
    const d = new StreamingAnomalyDetector();
    const byHour = new Map(hours.map(([t, v]) => [t, d.update(t, v)]));
    for (const [t, observed, expected, lower, upper] of band) {
      const r = byHour.get(t)!;
      expect(observed).toBe(hours[t / HOUR_MS][1]);
      expect([expected, lower, upper]).toEqual([r.expected, r.lower, r.upper]);
      expect(lower!).toBeLessThan(upper!);
    }
    // The spike is far outside the band it was judged against.
    const spike = band.find(([t]) => t === 35 * DAY + 5 * HOUR_MS)!;
    expect(spike[1]).toBeGreaterThan(spike[4]!);
  });

  it('averages hours into wider buckets', () => {
    const hourly = replayBand(hours, from, to, HOUR_MS);
    const sixHours = replayBand(hours, from, to, 6 * HOUR_MS);
    expect(sixHours).toHaveLength(8 * 4);
    const mean = (i: number, k: number) => hourly.slice(i * 6, i * 6 + 6).reduce((s, p) => s + p[k]!, 0) / 6;
    for (let k = 1; k <= 4; k++) expect(sixHours[3][k]).toBeCloseTo(mean(3, k), 9);
  });

  it('draws no band while the detector warms up, and nothing for hours without data', () => {
    const short = replayBand(daily(150), 0, 150 * HOUR_MS, HOUR_MS);
    expect(short.slice(0, 100).every((p) => p[2] === null && p[3] === null && p[4] === null)).toBe(true);
    expect(short.slice(100).every((p) => p[2] !== null)).toBe(true);
    expect(replayBand([], 0, DAY, HOUR_MS)).toEqual([]);
  });
});
