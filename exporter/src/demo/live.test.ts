import { DemoGenerator } from './generate';
import { livePoints } from './live';
import { HOUR_MS, historyEnd, specEndingAt } from './timeline';

const spec = specEndingAt(Date.parse('2026-11-21T09:30:00Z'), 3, 5);
const gen = new DemoGenerator(spec);
const end = historyEnd(spec);
const impressions = (ps: ReturnType<typeof gen.hour>, t: number) =>
  ps.find(
    (p) =>
      p.timestamp === t &&
      p.metricName === 'impressions' &&
      p.platform === 'tiktok' &&
      p.campaignId === 'retargeting',
  )!.value;

describe('livePoints', () => {
  it('writes the hour in progress with its counts so far, growing through the hour', () => {
    const early = livePoints(gen, end, end + 10 * 60_000);
    const later = livePoints(gen, end, end + 40 * 60_000);
    expect(early.finalUpTo).toBe(end);
    expect(new Set(early.points.map((p) => p.timestamp))).toEqual(new Set([end]));
    expect(impressions(later.points, end)).toBeGreaterThan(impressions(early.points, end));
    expect(impressions(later.points, end)).toBeLessThan(impressions(gen.hour(end), end));
  });

  it('finalizes the hours that ended since the last tick, then moves on', () => {
    const now = end + 2 * HOUR_MS + 5 * 60_000;
    const tick = livePoints(gen, end, now);
    expect(tick.finalUpTo).toBe(end + 2 * HOUR_MS);
    expect([...new Set(tick.points.map((p) => p.timestamp))]).toEqual([
      end,
      end + HOUR_MS,
      end + 2 * HOUR_MS,
    ]);
    expect(impressions(tick.points, end)).toBe(impressions(gen.hour(end), end));
    expect(impressions(tick.points, end + HOUR_MS)).toBe(impressions(gen.hour(end + HOUR_MS), end + HOUR_MS));
    const next = livePoints(gen, tick.finalUpTo, now + 10_000);
    expect(new Set(next.points.map((p) => p.timestamp))).toEqual(new Set([end + 2 * HOUR_MS]));
  });
});
