// Hour-of-day and day-of-week memory: for each time slot of a period (a day or a week) the values seen in
// that slot over the last few periods. The expected value for a slot is their median, so one anomalous day
// does not move it. Timestamps are read in UTC; a series in local time keeps its own wall clock anyway.

import { median } from './rolling';

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Sampling intervals above this carry too few points per day for a slot-wise profile. */
const MAX_SLOT_MS = DAY_MS / 12;
const MIN_SLOT_MS = 60_000;

/**
 * Learns the sampling interval from the first gaps between timestamps (median, so one outage does not
 * matter). `slotMs` is undefined while learning, null when the series is too sparse for seasonality.
 */
export class SamplingInterval {
  private readonly gaps: number[] = [];
  private last = NaN;
  slotMs: number | null | undefined = undefined;

  constructor(private readonly gapsToLearn = 50) {}

  observe(timestampMs: number): void {
    if (this.slotMs === undefined && timestampMs > this.last) {
      this.gaps.push(timestampMs - this.last);
      if (this.gaps.length >= this.gapsToLearn) {
        const gap = median(this.gaps);
        this.slotMs = gap <= MAX_SLOT_MS ? Math.max(MIN_SLOT_MS, gap) : null;
      }
    }
    this.last = timestampMs;
  }
}

export class SeasonalMemory {
  private readonly slots = new Map<number, number[]>();
  private first = NaN;

  /**
   * @param periodMs DAY_MS or WEEK_MS
   * @param depth how many past periods each slot remembers (bounds memory to slots x depth)
   */
  constructor(
    private readonly periodMs: number,
    private readonly depth: number,
  ) {}

  private slot(timestampMs: number, slotMs: number): number {
    // Shift by 3 days so that week slots start on Monday (the epoch was a Thursday); days are unaffected.
    const phase = (((timestampMs + 3 * DAY_MS) % this.periodMs) + this.periodMs) % this.periodMs;
    return Math.floor(phase / slotMs);
  }

  /** Median of this slot in past periods, once the series spans two periods; undefined before. */
  expected(timestampMs: number, slotMs: number): number | undefined {
    if (!(timestampMs - this.first >= 2 * this.periodMs)) return undefined;
    const past = this.slots.get(this.slot(timestampMs, slotMs));
    return past !== undefined && past.length >= 2 ? median(past) : undefined;
  }

  add(timestampMs: number, value: number, slotMs: number): void {
    if (Number.isNaN(this.first)) this.first = timestampMs;
    const key = this.slot(timestampMs, slotMs);
    let past = this.slots.get(key);
    if (past === undefined) this.slots.set(key, (past = []));
    past.push(value);
    if (past.length > this.depth) past.shift();
  }
}
