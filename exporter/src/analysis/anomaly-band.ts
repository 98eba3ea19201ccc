// Observed values of a KPI series with what the streaming detector expected and its normal band, over a
// time range: the detector replays the hourly values from a warm-up before the range (it is causal, so the
// band at each hour is the one the detector had then), then hours are averaged into buckets.
import {
  DEFAULT_DETECTOR_OPTIONS,
  StreamingAnomalyDetector,
  type DetectorOptions,
} from './streaming-detector';

export const HOUR_MS = 3_600_000;
/** History replayed before the range: the weekly predictor needs three weeks to settle (conditions.ts). */
export const BAND_WARMUP_MS = 21 * 24 * HOUR_MS;
const WEEK_MS = 7 * 24 * HOUR_MS;
/** 1970-01-05, a Monday. */
const MONDAY_MS = 4 * 24 * HOUR_MS;

/**
 * Where the replay of a range starts: the warm-up before `fromMs`, rounded down to a Monday, so every
 * range starting in the same week replays from the same hour and gets the same band (which can be kept).
 */
export function bandOrigin(fromMs: number): number {
  return Math.floor((fromMs - BAND_WARMUP_MS - MONDAY_MS) / WEEK_MS) * WEEK_MS + MONDAY_MS;
}

/** Longest range served: two years of hours per series. */
export const MAX_BAND_RANGE_MS = 731 * 24 * HOUR_MS;

export type BandPoint = [number, number, number | null, number | null, number | null];

/**
 * Bucket width: whole hours (the detector runs on hourly values), at least the asked interval, and wide
 * enough that the range holds no more than maxDataPoints buckets.
 */
export function bandBucketMs(
  fromMs: number,
  toMs: number,
  intervalMs: number | undefined,
  maxDataPoints: number,
): number {
  const wanted = Math.max(HOUR_MS, intervalMs ?? 0, Math.ceil((toMs - fromMs) / maxDataPoints));
  return Math.ceil(wanted / HOUR_MS) * HOUR_MS;
}

/** Per hour: time, observed, and the detector's expected value, lower and upper (NaN while warming up). */
export interface HourlyBand {
  times: number[];
  observed: number[];
  expected: number[];
  lower: number[];
  upper: number[];
}

export const emptyHourlyBand = (): HourlyBand => ({
  times: [],
  observed: [],
  expected: [],
  lower: [],
  upper: [],
});

/**
 * Feeds `hours` (time order) to `detector`, which has already seen `seen` points, appending the band of each
 * hour to `out`. Hours before the detector has seen `warmup` points have no band (NaN), rather than a band
 * drawn from too little history. Returns the number of points the detector has then seen.
 */
export function feedBand(
  detector: StreamingAnomalyDetector,
  seen: number,
  hours: ReadonlyArray<readonly [number, number]>,
  out: HourlyBand,
  warmup = DEFAULT_DETECTOR_OPTIONS.warmup,
): number {
  for (const [t, v] of hours) {
    const r = detector.update(t, v);
    seen++;
    const banded = seen > warmup;
    out.times.push(t);
    out.observed.push(v);
    out.expected.push(banded ? r.expected : NaN);
    out.lower.push(banded ? r.lower : NaN);
    out.upper.push(banded ? r.upper : NaN);
  }
  return seen;
}

/** The hours of [fromMs, toMs) averaged into buckets: mean observed, mean expected, lower and upper. */
export function bucketBand(band: HourlyBand, fromMs: number, toMs: number, bucketMs: number): BandPoint[] {
  const out: BandPoint[] = [];
  let bucket = NaN;
  let n = 0;
  let nBand = 0;
  let sums = [0, 0, 0, 0];
  const flush = () => {
    if (n === 0) return;
    const mean = (s: number) => (nBand > 0 ? s / nBand : null);
    out.push([bucket, sums[0] / n, mean(sums[1]), mean(sums[2]), mean(sums[3])]);
  };
  for (let i = 0; i < band.times.length; i++) {
    const t = band.times[i];
    if (t < fromMs || t >= toMs) continue;
    const b = Math.floor(t / bucketMs) * bucketMs;
    if (b !== bucket) {
      flush();
      bucket = b;
      n = 0;
      nBand = 0;
      sums = [0, 0, 0, 0];
    }
    n++;
    sums[0] += band.observed[i];
    if (!Number.isNaN(band.expected[i])) {
      nBand++;
      sums[1] += band.expected[i];
      sums[2] += band.lower[i];
      sums[3] += band.upper[i];
    }
  }
  flush();
  return out;
}

/**
 * Replays `hours` (time order, [epoch ms, value]) through a fresh detector and returns the buckets of
 * [fromMs, toMs): mean observed, mean expected, lower and upper (null while the detector warms up).
 */
export function replayBand(
  hours: ReadonlyArray<readonly [number, number]>,
  fromMs: number,
  toMs: number,
  bucketMs: number,
  detector: Partial<DetectorOptions> = {},
): BandPoint[] {
  const band = emptyHourlyBand();
  const warmup = detector.warmup ?? DEFAULT_DETECTOR_OPTIONS.warmup;
  feedBand(new StreamingAnomalyDetector(detector), 0, hours, band, warmup);
  return bucketBand(band, fromMs, toMs, bucketMs);
}

/** The buckets as columns (the API's shape). */
export function bandColumns(points: readonly BandPoint[]) {
  return {
    times: points.map((p) => p[0]),
    observed: points.map((p) => p[1]),
    expected: points.map((p) => p[2]),
    lower: points.map((p) => p[3]),
    upper: points.map((p) => p[4]),
  };
}
