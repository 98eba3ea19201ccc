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

/**
 * Replays `hours` (time order, [epoch ms, value]) through a fresh detector and returns the buckets of
 * [fromMs, toMs): mean observed, mean expected, lower and upper. Hours before the detector has seen
 * `warmup` points have no band (null), rather than a band drawn from too little history.
 */
export function replayBand(
  hours: ReadonlyArray<readonly [number, number]>,
  fromMs: number,
  toMs: number,
  bucketMs: number,
  detector: Partial<DetectorOptions> = {},
): BandPoint[] {
  const warmup = detector.warmup ?? DEFAULT_DETECTOR_OPTIONS.warmup;
  const d = new StreamingAnomalyDetector(detector);
  const out: BandPoint[] = [];
  let bucket = NaN;
  let n = 0;
  let nBand = 0;
  let sums = [0, 0, 0, 0];
  const flush = () => {
    if (n === 0) return;
    const band = (s: number) => (nBand > 0 ? s / nBand : null);
    out.push([bucket, sums[0] / n, band(sums[1]), band(sums[2]), band(sums[3])]);
  };
  let seen = 0;
  for (const [t, v] of hours) {
    const r = d.update(t, v);
    seen++;
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
    sums[0] += v;
    if (seen > warmup) {
      nBand++;
      sums[1] += r.expected;
      sums[2] += r.lower;
      sums[3] += r.upper;
    }
  }
  flush();
  return out;
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
