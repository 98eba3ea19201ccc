// Turns a causal stream of detector results into anomaly conditions (episodes): an alarm opens one, it
// lasts while the points stay outside the detector's band on the same side (or alarm again), and it ends
// after `quietPoints` points back inside. It counts once confirmed by a second point (`confirmPoints`), and
// not during the series' warm-up (`warmupPoints`). One episode = one insight, so a level shift that the detector
// reports once and then sees sustained is still one insight, not one per point.

import type { AnomalyResult } from './streaming-detector';

export interface ConditionOptions {
  /**
   * Score at or above which a point opens (or extends) a condition. Stricter than the detector's alert
   * rule (0.5, NAB-calibrated): an insight asks for a person's attention. On the 120-day demo, 0.8 still
   * finds all five incidents (one an hour later) with a quarter fewer false conditions than 0.5.
   */
  openScore: number;
  /** Consecutive points inside the band (no alarm) that end a condition. */
  quietPoints: number;
  /**
   * Points of a series before any condition is raised. The detector scores from a few hundred points on,
   * but on hourly data its records and weekly predictor are still settling then (most false alarms of the
   * demo data fall in the third week): insights wait until three weeks are seen.
   */
  warmupPoints: number;
  /**
   * Points a condition must have (the alarm, then points outside the band on the same side or alarms
   * again) before it counts. Most false alarms of hourly business data are one-hour blips of small counts;
   * incidents last for hours, so waiting for a second hour removes most blips (on the 120-day demo about
   * 0.03 false conditions per series and week remain) for an hour or two of latency.
   */
  confirmPoints: number;
  /**
   * Normal points after which a condition not confirmed yet is dropped. 2 tolerates one normal hour in
   * between: a noisy count (TikTok conversions of one campaign) can dip back into the band once right
   * after the jump, because the band follows the local median.
   */
  confirmWithin: number;
}

export const DEFAULT_CONDITION_OPTIONS: Readonly<ConditionOptions> = {
  openScore: 0.8,
  quietPoints: 6,
  warmupPoints: 21 * 24,
  confirmPoints: 2,
  confirmWithin: 2,
};

export interface Episode {
  direction: 'up' | 'down';
  startMs: number;
  /** Last point that was still part of the condition. */
  lastMs: number;
  /** Time of the point that ended it (null: still going on at the end of the data). */
  endMs: number | null;
  /** Points that were part of the condition so far. */
  points: number;
  peak: {
    atMs: number;
    score: number;
    observed: number;
    expected: number;
    lower: number;
    upper: number;
    deviation: number;
  };
}

export class ConditionTracker {
  private readonly o: ConditionOptions;
  private current: Episode | null = null;
  private quiet = 0;
  private seen = 0;
  readonly episodes: Episode[] = [];

  constructor(options: Partial<ConditionOptions> = {}) {
    this.o = { ...DEFAULT_CONDITION_OPTIONS, ...options };
  }

  push(tMs: number, value: number, r: AnomalyResult): void {
    if (++this.seen <= this.o.warmupPoints) return;
    const alarm = r.score >= this.o.openScore && r.direction !== 'none' ? r.direction : null;
    const cur = this.current;
    if (cur) {
      const outside = cur.direction === 'up' ? value > r.upper : value < r.lower;
      const confirmed = cur.points >= this.o.confirmPoints;
      if (alarm === cur.direction || outside) {
        cur.lastMs = tMs;
        cur.points++;
        this.quiet = 0;
        if (alarm && r.score > cur.peak.score) cur.peak = peakOf(tMs, value, r);
        if (!confirmed && cur.points >= this.o.confirmPoints) this.episodes.push(cur);
        return;
      }
      // An unconfirmed condition is dropped after a shorter quiet spell (it was a blip); a confirmed one ends.
      if (alarm === null && ++this.quiet < (confirmed ? this.o.quietPoints : this.o.confirmWithin)) return;
      // Quiet long enough, or an alarm the other way: this condition is over.
      cur.endMs = tMs;
      this.current = null;
      this.quiet = 0;
    }
    if (alarm) {
      this.current = {
        direction: alarm,
        startMs: tMs,
        lastMs: tMs,
        endMs: null,
        points: 1,
        peak: peakOf(tMs, value, r),
      };
      if (this.o.confirmPoints <= 1) this.episodes.push(this.current);
    }
  }
}

function peakOf(atMs: number, observed: number, r: AnomalyResult): Episode['peak'] {
  return {
    atMs,
    score: r.score,
    observed,
    expected: r.expected,
    lower: r.lower,
    upper: r.upper,
    deviation: r.deviation,
  };
}
