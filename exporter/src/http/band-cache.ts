// The anomaly band of each series kept between requests: the hours already replayed with their band and
// the detector as it stood after the last settled hour. A request reads the series' hours (it needs the
// observed values anyway), checks them against the kept ones and only feeds the detector the new hours, so
// a dashboard refreshing the band replays nothing it has replayed before. Any kept hour that changed (a
// late or corrected point) drops the series' entry: it is replayed from its origin, as without the cache.
// The detector is causal and deterministic, so the answer is the same as a replay (band-cache.test.ts).

import { emptyHourlyBand, feedBand, type HourlyBand } from '../analysis/anomaly-band';
import {
  DEFAULT_DETECTOR_OPTIONS,
  StreamingAnomalyDetector,
  type DetectorOptions,
} from '../analysis/streaming-detector';

const HOUR_MS = 3_600_000;

interface Entry {
  band: HourlyBand;
  /** The detector after the last hour of `band`, and how many points it has seen. */
  detector: StreamingAnomalyDetector;
  seen: number;
}

export interface BandCacheOptions {
  /** Hours kept over all series (least recently used series dropped first); about 48 bytes an hour. */
  maxHours: number;
  /** An hour is kept once it ended this long ago: the current hour still changes as points arrive. */
  settleMs: number;
  detector: Partial<DetectorOptions>;
}

export const BAND_CACHE_DEFAULTS: BandCacheOptions = {
  // 100 series of two years of hours, about 85 MB at most.
  maxHours: 100 * 731 * 24,
  settleMs: 10 * 60_000,
  detector: {},
};

/**
 * A deep copy keeping prototypes (the detector and its parts are plain data in class instances: numbers,
 * arrays, maps, option objects), so a copy fed the unsettled hours leaves the kept detector where it was.
 */
export function cloneState<T>(value: T): T {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') throw new Error('cannot copy a function of the detector state');
    return value;
  }
  if (Array.isArray(value)) return value.map(cloneState) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [cloneState(k), cloneState(v)])) as T;
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): T }).slice();
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) copy[k] = cloneState(v);
  return copy as T;
}

const sliceBand = (b: HourlyBand, n: number): HourlyBand => ({
  times: b.times.slice(0, n),
  observed: b.observed.slice(0, n),
  expected: b.expected.slice(0, n),
  lower: b.lower.slice(0, n),
  upper: b.upper.slice(0, n),
});

export class BandCache {
  private readonly o: BandCacheOptions;
  private readonly warmup: number;
  /** Insertion order is recency: a used entry is moved to the end. */
  private readonly entries = new Map<string, Entry>();
  private hoursKept = 0;
  /** Replays from the origin (entries made or dropped), for tests and logs. */
  replays = 0;

  constructor(options: Partial<BandCacheOptions> = {}) {
    this.o = { ...BAND_CACHE_DEFAULTS, ...options };
    this.warmup = this.o.detector.warmup ?? DEFAULT_DETECTOR_OPTIONS.warmup;
  }

  /**
   * The band of every hour of `hours` (one series' hourly values from `originMs` on, time order), equal to
   * replaying them all through a fresh detector.
   */
  hourly(
    seriesId: number,
    originMs: number,
    hours: ReadonlyArray<readonly [number, number]>,
    nowMs: number,
  ): HourlyBand {
    const key = `${seriesId}:${originMs}`;
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.hoursKept -= entry.band.times.length;
      if (!matches(entry.band, hours)) entry = undefined;
    }
    if (!entry) {
      this.replays++;
      entry = {
        band: emptyHourlyBand(),
        detector: new StreamingAnomalyDetector(this.o.detector),
        seen: 0,
      };
    }
    const kept = entry.band.times.length;
    let answer: HourlyBand;
    if (hours.length <= kept) {
      answer = sliceBand(entry.band, hours.length);
    } else {
      // Settled hours advance the kept detector; the rest go through a copy of it.
      let settled = kept;
      while (settled < hours.length && hours[settled][0] + HOUR_MS <= nowMs - this.o.settleMs) settled++;
      entry.seen = feedBand(entry.detector, entry.seen, hours.slice(kept, settled), entry.band, this.warmup);
      answer = sliceBand(entry.band, settled);
      if (settled < hours.length)
        feedBand(cloneState(entry.detector), entry.seen, hours.slice(settled), answer, this.warmup);
    }
    this.entries.set(key, entry);
    this.hoursKept += entry.band.times.length;
    this.evict();
    return answer;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.hoursKept <= this.o.maxHours) return;
      this.entries.delete(key);
      this.hoursKept -= entry.band.times.length;
    }
  }
}

/** Whether the hours read agree with every kept hour they cover (same times, same values). */
function matches(band: HourlyBand, hours: ReadonlyArray<readonly [number, number]>): boolean {
  const n = Math.min(band.times.length, hours.length);
  for (let i = 0; i < n; i++) {
    if (band.times[i] !== hours[i][0] || !Object.is(band.observed[i], hours[i][1])) return false;
  }
  return true;
}
