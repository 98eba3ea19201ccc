/** Time frame of a demo data set: which hours the history covers and which seed drives the noise. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_DAYS = 120;
export const DEFAULT_SEED = 4242;

export interface DemoSpec {
  seed: number;
  /** First hour of the history (hour-aligned, UTC). */
  startMs: number;
  /** Length of the history in days; it ends at startMs + days, where the live feed takes over. */
  days: number;
}

export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** A history of `days` complete hours ending at the start of the hour that contains `nowMs`. */
export function specEndingAt(nowMs: number, days = DEFAULT_DAYS, seed = DEFAULT_SEED): DemoSpec {
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new Error(`days: expected an integer from 1 to 3650, got ${days}`);
  return { seed, days, startMs: floorHour(nowMs) - days * DAY_MS };
}

export function historyEnd(spec: DemoSpec): number {
  return spec.startMs + spec.days * DAY_MS;
}

/** Calendar facts of an hour (UTC) that the seasonal profiles use. */
export interface HourClock {
  hourMs: number;
  /** Hours since the Unix epoch: the index of every hourly random draw. */
  hourIndex: number;
  /** Days since the Unix epoch: the index of day-level random draws. */
  dayIndex: number;
  hourOfDay: number;
  /** 0 = Sunday ... 6 = Saturday */
  dayOfWeek: number;
  /** Days (fractional) since the start of the history, for trends. */
  daysSinceStart: number;
}

export function hourClock(spec: DemoSpec, hourMs: number): HourClock {
  const hourIndex = Math.floor(hourMs / HOUR_MS);
  const dayIndex = Math.floor(hourMs / DAY_MS);
  return {
    hourMs,
    hourIndex,
    dayIndex,
    hourOfDay: hourIndex % 24,
    // 1970-01-01 was a Thursday.
    dayOfWeek: (dayIndex + 4) % 7,
    daysSinceStart: (hourMs - spec.startMs) / DAY_MS,
  };
}
