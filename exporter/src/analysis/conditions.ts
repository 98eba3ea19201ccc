// Turns a causal stream of detector results into anomaly conditions (episodes): an alarm opens one, it
// lasts while the points stay outside the detector's band on the same side (or alarm again), and it ends
// after `quietPoints` points back inside. One episode = one insight, so a level shift that the detector
// reports once and then sees sustained is still one insight, not one per point.

import type { AnomalyResult } from './streaming-detector';

export interface ConditionOptions {
  /** Score at or above which a point opens (or extends) a condition. */
  openScore: number;
  /** Consecutive points inside the band (no alarm) that end a condition. */
  quietPoints: number;
}

export const DEFAULT_CONDITION_OPTIONS: Readonly<ConditionOptions> = { openScore: 0.5, quietPoints: 6 };

export interface Episode {
  direction: 'up' | 'down';
  startMs: number;
  /** Last point that was still part of the condition. */
  lastMs: number;
  /** Time of the point that ended it (null: still going on at the end of the data). */
  endMs: number | null;
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
  readonly episodes: Episode[] = [];

  constructor(options: Partial<ConditionOptions> = {}) {
    this.o = { ...DEFAULT_CONDITION_OPTIONS, ...options };
  }

  push(tMs: number, value: number, r: AnomalyResult): void {
    const alarm = r.score >= this.o.openScore && r.direction !== 'none' ? r.direction : null;
    const cur = this.current;
    if (cur) {
      const outside = cur.direction === 'up' ? value > r.upper : value < r.lower;
      if (alarm === cur.direction || outside) {
        cur.lastMs = tMs;
        this.quiet = 0;
        if (alarm && r.score > cur.peak.score) cur.peak = peakOf(tMs, value, r);
        return;
      }
      if (alarm === null && ++this.quiet < this.o.quietPoints) return;
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
        peak: peakOf(tMs, value, r),
      };
      this.episodes.push(this.current);
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
