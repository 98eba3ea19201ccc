import type { KpiPoint } from '@kpilens/contract';
import type { NormalizedPoint } from '../ingest/normalize-points';
import type { SeasonalProfile } from './catalog';
import { driverFactor, type Driver, type Incident } from './incidents';
import { Draws, streamId } from './random';
import { dailyFactor, trendFactor, weeklyFactor } from './seasonality';
import type { DemoSpec, HourClock } from './timeline';

/** What a KPI domain generator needs to produce one hour of its series. */
export interface HourContext {
  spec: DemoSpec;
  clock: HourClock;
  incidents: readonly Incident[];
  /** 1 for a complete hour; below 1 for the hour in progress (counts so far). */
  fraction: number;
  out: KpiPoint[];
}

/** Daily cycle x weekly cycle x trend of a profile at this hour. */
export function seasonal(ctx: HourContext, p: SeasonalProfile): number {
  const c = ctx.clock;
  return (
    dailyFactor(c.hourOfDay, p.peakHour, p.dailyAmplitude) *
    weeklyFactor(c.dayOfWeek, p.weekendFactor) *
    trendFactor(c.daysSinceStart, p.trendPerDay)
  );
}

/** Draws for one cell (a named slice of a domain) at this hour. */
export function hourDraws(ctx: HourContext, cell: string): Draws {
  return new Draws(ctx.spec.seed, streamId(cell), ctx.clock.hourIndex);
}

/** Draws shared by every hour of the day: day-to-day variation. */
export function dayDraws(ctx: HourContext, cell: string): Draws {
  return new Draws(ctx.spec.seed, streamId(`${cell}#day`), ctx.clock.dayIndex);
}

export function factor(ctx: HourContext, driver: Driver, dims: Record<string, string>): number {
  return driverFactor(ctx.incidents, driver, dims, ctx.clock.hourMs);
}

/** Scales a complete hour's count down to the part of the hour that has passed. */
export function soFar(ctx: HourContext, count: number): number {
  return ctx.fraction >= 1 ? count : Math.round(count * ctx.fraction);
}

export function round(x: number, digits: number): number {
  const m = 10 ** digits;
  return Math.round(x * m) / m;
}

/** Adds derived KPI points to the hour's output, in the API's point shape. */
export function emitDerived(ctx: HourContext, points: NormalizedPoint[]): void {
  for (const p of points)
    ctx.out.push({
      modelName: p.model,
      metricName: p.metric,
      value: p.value,
      timestamp: p.ts,
      ...p.dimensions,
    });
}

/**
 * Sums rows over the dimensions not in `keep` (a GROUP BY over `keep`): the coarser groupings the events
 * API derives next to the finest one, e.g. per platform next to per platform and campaign.
 */
export function rollUp<T extends { bucket: number; dims: Record<string, string> }>(
  rows: readonly T[],
  keep: readonly string[],
  fields: ReadonlyArray<keyof T>,
  extraDims: Record<string, string> = {},
): T[] {
  const groups = new Map<string, T>();
  for (const r of rows) {
    const dims: Record<string, string> = {};
    for (const k of keep) dims[k] = r.dims[k];
    Object.assign(dims, extraDims);
    const key = JSON.stringify(dims);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { ...r, dims });
      continue;
    }
    for (const f of fields) (g[f] as number) += r[f] as number;
  }
  return [...groups.values()];
}
