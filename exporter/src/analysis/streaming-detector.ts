// Streaming anomaly detector for one KPI series: causal (each output uses only the points so far), O(1)
// memory in the length of the series and a few microseconds per point. See docs/algorithms.md.
//
// 1. Expected value: the best of three robust predictors by recent error: median of the last few points,
//    median of the same time of day over the last days, of the same time of week over the last weeks.
// 2. Standardised residuals z (residual / robust error scale) and their short means catch spikes, level
//    shifts and changed daily shapes; the raw value catches levels never seen before.
// 3. Each such feature is scored by how far it beats its own (slowly forgotten) record, so every series is
//    judged against its own history; the score is the largest of them.
// 4. An alarm that merely repeats the one just raised is muted for a short refractory period.

import { RecordNovelty } from './record-novelty';
import { RollingWindow } from './rolling';
import { DAY_MS, SamplingInterval, SeasonalMemory, WEEK_MS } from './seasonal-memory';

export type Direction = 'up' | 'down' | 'none';

export interface AnomalyResult {
  /** 0 = nothing new, towards 1 = far beyond anything this series has done. */
  score: number;
  direction: Direction;
  expected: number;
  lower: number;
  upper: number;
  /** (observed - expected) / robust error scale. */
  deviation: number;
}

export interface DetectorOptions {
  /** Points in the local median predictor. */
  localWindow: number;
  /** Past days / weeks remembered per time slot. */
  seasonDays: number;
  seasonWeeks: number;
  /** Weight of a new error in the predictors' robust error scale. */
  scaleAlpha: number;
  /** Weight of a new point in the mean squared errors (which pick the best predictor) and value variance. */
  varianceAlpha: number;
  /** Share of variance a seasonal predictor must explain before its residuals become features. */
  seasonalR2: number;
  /** Lengths of the residual means used as features. */
  meanWindows: number[];
  /** Record forgetting and warm-up, see RecordNovelty. */
  recordDecay: number;
  recordTypicalAlpha: number;
  recordWarmup: number;
  /** Points before the detector scores at all. */
  warmup: number;
  /** Points during which an alarm not clearly stronger than the last one is muted. */
  refractory: number;
  /** "Clearly stronger": by this factor. */
  refractoryMargin: number;
  /** Half-width of the band in robust error scales (mean absolute errors, about 0.8 sigma each). */
  bandWidth: number;
}

export const DEFAULT_DETECTOR_OPTIONS: Readonly<DetectorOptions> = {
  localWindow: 5,
  seasonDays: 5,
  seasonWeeks: 3,
  scaleAlpha: 0.01,
  varianceAlpha: 0.005,
  seasonalR2: 0.95,
  meanWindows: [1, 3, 12],
  recordDecay: 0.99999,
  recordTypicalAlpha: 0.01,
  recordWarmup: 300,
  warmup: 100,
  refractory: 20,
  refractoryMargin: 1.5,
  bandWidth: 4,
};

/**
 * Maps a novelty (0..infinity) to [0, 1). 0.5 falls at a record beaten by 1.5% of its spread, about where
 * the NAB-optimal alert threshold lies (docs/benchmarks.md), so "score >= 0.5" is a sensible alert rule.
 */
const NOVELTY_SCALE = 0.015;
/** Residuals are clipped so a single wild point cannot dominate a mean forever. */
const Z_CLIP = 50;
/** After warm-up an error counts at most this many scales, so anomalies barely inflate the scale. */
const ERROR_CLIP = 4;
const LOCAL = 0;

/** Running error statistics of one predictor. */
class PredictorTrack {
  scale = NaN;
  meanSquaredError = NaN;
  readonly z: RollingWindow;

  constructor(zHistory: number) {
    this.z = new RollingWindow(zHistory);
  }

  scaleFor(expected: number): number {
    return Math.max(Number.isNaN(this.scale) ? 0 : this.scale, 1e-9 + 1e-6 * Math.abs(expected));
  }

  learn(residual: number, o: DetectorOptions, pastWarmup: boolean): void {
    const a = Math.abs(residual);
    if (Number.isNaN(this.scale)) {
      this.scale = a;
      this.meanSquaredError = a * a;
      return;
    }
    const clipped = pastWarmup ? Math.min(a, ERROR_CLIP * this.scaleFor(0)) : a;
    this.scale += o.scaleAlpha * (clipped - this.scale);
    this.meanSquaredError += o.varianceAlpha * (a * a - this.meanSquaredError);
  }
}

export class StreamingAnomalyDetector {
  private readonly o: DetectorOptions;
  private readonly interval = new SamplingInterval();
  private readonly recent: RollingWindow;
  private readonly daily: SeasonalMemory;
  private readonly weekly: SeasonalMemory;
  /** Local, daily, weekly. */
  private readonly tracks: PredictorTrack[];
  /** z of whichever predictor was best at each point. */
  private readonly bestZ: RollingWindow;
  private readonly records = new Map<string, RecordNovelty>();
  private seen = 0;
  private valueMean = 0;
  private valueVariance = 0;
  private lastAlarmAt = -Infinity;
  private lastAlarm = 0;

  constructor(options: Partial<DetectorOptions> = {}) {
    this.o = { ...DEFAULT_DETECTOR_OPTIONS, ...options };
    const history = Math.max(...this.o.meanWindows, 1);
    this.recent = new RollingWindow(this.o.localWindow);
    this.daily = new SeasonalMemory(DAY_MS, this.o.seasonDays);
    this.weekly = new SeasonalMemory(WEEK_MS, this.o.seasonWeeks);
    this.tracks = [0, 1, 2].map(() => new PredictorTrack(history));
    this.bestZ = new RollingWindow(history);
  }

  private novelty(feature: string, x: number): number {
    let record = this.records.get(feature);
    if (record === undefined) {
      record = new RecordNovelty({
        decay: this.o.recordDecay,
        typicalAlpha: this.o.recordTypicalAlpha,
        warmup: this.o.recordWarmup,
      });
      this.records.set(feature, record);
    }
    return record.scoreAndAdd(x);
  }

  update(timestampMs: number, value: number): AnomalyResult {
    const o = this.o;
    this.seen++;
    this.interval.observe(timestampMs);
    const slotMs = this.interval.slotMs ?? null;

    const predictions: (number | undefined)[] = [
      this.recent.length > 0 ? this.recent.median() : undefined,
      slotMs !== null ? this.daily.expected(timestampMs, slotMs) : undefined,
      slotMs !== null ? this.weekly.expected(timestampMs, slotMs) : undefined,
    ];
    let best = LOCAL;
    predictions.forEach((p, k) => {
      if (p !== undefined && this.tracks[k].meanSquaredError < this.tracks[best].meanSquaredError) best = k;
    });
    const expected = predictions[best] ?? value;
    const scale = this.tracks[best].scaleFor(expected);
    const deviation = (value - expected) / scale;
    this.bestZ.push(clip(deviation));

    // Each feature that beats its record names the predictor and direction that explain the alarm.
    let novelty = 0;
    let source = best;
    let up = value >= expected;
    const consider = (n: number, predictor: number, isUp: boolean) => {
      if (n > novelty) {
        novelty = n;
        source = predictor;
        up = isUp;
      }
    };
    // Spikes and shifts against the best explanation of the point.
    for (const w of o.meanWindows) {
      if (this.bestZ.length < w) continue;
      const mean = this.bestZ.meanOfLast(w);
      consider(this.novelty(`z${w}`, Math.abs(mean)), best, mean >= 0);
    }
    // Changed daily or weekly shape, where that shape is strong enough to trust.
    const pastWarmup = this.seen >= o.warmup;
    predictions.forEach((p, k) => {
      if (p === undefined) return;
      const track = this.tracks[k];
      const residual = value - p;
      const z = clip(residual / track.scaleFor(p));
      const r2 = this.valueVariance > 0 ? 1 - track.meanSquaredError / this.valueVariance : 0;
      track.z.push(z);
      track.learn(residual, o, pastWarmup);
      if (k === LOCAL || !(r2 > o.seasonalR2)) return;
      for (const w of o.meanWindows) {
        if (track.z.length < w) continue;
        const mean = track.z.meanOfLast(w);
        consider(this.novelty(`s${k}+${w}`, mean), k, true);
        consider(this.novelty(`s${k}-${w}`, -mean), k, false);
      }
    });
    // Levels never reached before, whatever the predictors say.
    consider(this.novelty('high', value), best, true);
    consider(this.novelty('low', -value), best, false);

    const d = value - this.valueMean;
    this.valueMean += o.varianceAlpha * d;
    this.valueVariance = (1 - o.varianceAlpha) * (this.valueVariance + o.varianceAlpha * d * d);
    this.recent.push(value);
    if (slotMs !== null && slotMs !== undefined) {
      this.daily.add(timestampMs, value, slotMs);
      this.weekly.add(timestampMs, value, slotMs);
    }

    const score = this.alarm(this.seen <= o.warmup ? 0 : novelty);
    // Evidence from the predictor behind the alarm (a missing daily peak is judged against the daily one).
    const shownExpected = score > 0 ? (predictions[source] ?? expected) : expected;
    const shownScale = score > 0 ? this.tracks[source].scaleFor(shownExpected) : scale;
    return {
      score,
      direction: score === 0 ? 'none' : up ? 'up' : 'down',
      expected: shownExpected,
      lower: shownExpected - o.bandWidth * shownScale,
      upper: shownExpected + o.bandWidth * shownScale,
      deviation: score > 0 ? (value - shownExpected) / shownScale : deviation,
    };
  }

  /** Refractory period: within it, only an alarm clearly stronger than the last one is reported. */
  private alarm(novelty: number): number {
    if (novelty <= 0) return 0;
    const muted =
      this.seen - this.lastAlarmAt < this.o.refractory && novelty <= this.o.refractoryMargin * this.lastAlarm;
    if (muted) return 0;
    this.lastAlarmAt = this.seen;
    this.lastAlarm = novelty;
    return novelty / (novelty + NOVELTY_SCALE);
  }
}

function clip(z: number): number {
  return Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
}
