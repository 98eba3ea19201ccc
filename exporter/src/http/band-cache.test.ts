import { emptyHourlyBand, feedBand, type HourlyBand } from '../analysis/anomaly-band';
import { StreamingAnomalyDetector } from '../analysis/streaming-detector';
import { BandCache, cloneState } from './band-cache';

const HOUR = 3_600_000;
const ORIGIN = Date.UTC(2026, 0, 5);

/** `n` hourly values from ORIGIN: a daily cycle, deterministic noise and a dip from hour 600 to 612. */
function hours(n: number, tweak: (i: number, v: number) => number = (_, v) => v): Array<[number, number]> {
  return Array.from({ length: n }, (_, i) => {
    const v =
      100 +
      30 * Math.sin((2 * Math.PI * (i % 24)) / 24) +
      ((i * 7919) % 97) / 20 -
      (i >= 600 && i < 612 ? 40 : 0);
    return [ORIGIN + i * HOUR, tweak(i, v)];
  });
}

/** What a replay of every hour through a fresh detector gives. */
function replay(h: ReadonlyArray<readonly [number, number]>): HourlyBand {
  const out = emptyHourlyBand();
  feedBand(new StreamingAnomalyDetector(), 0, h, out);
  return out;
}

/** "now" such that the first `settled` hours have ended at least 10 minutes ago. */
const nowAfter = (settled: number) => ORIGIN + settled * HOUR + 10 * 60_000;

describe('BandCache', () => {
  it('answers exactly what a replay gives, replaying only the first time', () => {
    const cache = new BandCache();
    const h = hours(1000);
    expect(cache.hourly(1, ORIGIN, h, nowAfter(1000))).toEqual(replay(h));
    expect(cache.hourly(1, ORIGIN, h, nowAfter(1000))).toEqual(replay(h));
    // A shorter range (an earlier `to`) is the start of the same band.
    expect(cache.hourly(1, ORIGIN, h.slice(0, 700), nowAfter(1000))).toEqual(replay(h.slice(0, 700)));
    expect(cache.replays).toBe(1);
  });

  it('feeds new hours to the kept detector, the current hour to a copy of it', () => {
    const cache = new BandCache();
    const all = hours(1200);
    cache.hourly(1, ORIGIN, all.slice(0, 900), nowAfter(900));
    // Hours 900..1199 arrived; the last two have not ended 10 minutes ago (still filling up).
    const now = nowAfter(1198);
    expect(cache.hourly(1, ORIGIN, all, now)).toEqual(replay(all));
    // The current hour's mean moves as points arrive: the kept detector never saw the old one.
    const grown = hours(1200, (i, v) => (i === 1199 ? v + 3 : v));
    expect(cache.hourly(1, ORIGIN, grown, now)).toEqual(replay(grown));
    const later = hours(1300, (i, v) => (i === 1199 ? v + 3 : v));
    expect(cache.hourly(1, ORIGIN, later, nowAfter(1300))).toEqual(replay(later));
    expect(cache.replays).toBe(1);
  });

  it('replays from the origin when a kept hour changed or is missing', () => {
    const cache = new BandCache();
    const h = hours(1000);
    cache.hourly(1, ORIGIN, h, nowAfter(1000));
    const corrected = hours(1000, (i, v) => (i === 300 ? v * 2 : v));
    expect(cache.hourly(1, ORIGIN, corrected, nowAfter(1000))).toEqual(replay(corrected));
    expect(cache.replays).toBe(2);
    const gap = corrected.filter((_, i) => i !== 500);
    expect(cache.hourly(1, ORIGIN, gap, nowAfter(1000))).toEqual(replay(gap));
    expect(cache.replays).toBe(3);
  });

  it('keeps series and origins apart, and drops the least recently used beyond its budget', () => {
    const cache = new BandCache({ maxHours: 2500 });
    const a = hours(1000);
    const b = hours(1000, (_, v) => v + 50);
    expect(cache.hourly(1, ORIGIN, a, nowAfter(1000))).toEqual(replay(a));
    expect(cache.hourly(2, ORIGIN, b, nowAfter(1000))).toEqual(replay(b));
    expect(cache.hourly(1, ORIGIN, a, nowAfter(1000))).toEqual(replay(a));
    const later = a.slice(168);
    expect(cache.hourly(1, ORIGIN + 168 * HOUR, later, nowAfter(1000))).toEqual(replay(later));
    expect(cache.replays).toBe(3);
    // 3,000 hours kept is over the budget: series 2 (least recently used) went.
    expect(cache.hourly(1, ORIGIN, a, nowAfter(1000))).toEqual(replay(a));
    expect(cache.replays).toBe(3);
    cache.hourly(2, ORIGIN, b, nowAfter(1000));
    expect(cache.replays).toBe(4);
  });
});

describe('cloneState', () => {
  it('copies a detector: the copy and the original go on independently and alike', () => {
    const h = hours(800);
    const d = new StreamingAnomalyDetector();
    h.slice(0, 500).forEach(([t, v]) => d.update(t, v));
    const copy = cloneState(d);
    expect(copy).toBeInstanceOf(StreamingAnomalyDetector);
    const fromCopy = h.slice(500).map(([t, v]) => copy.update(t, v));
    const fromOriginal = h.slice(500).map(([t, v]) => d.update(t, v));
    expect(fromCopy).toEqual(fromOriginal);
  });

  it('refuses state it cannot copy', () => {
    expect(() => cloneState({ f: () => 1 })).toThrow(/function/);
  });
});
