import type { KpiPoint } from '@kpilens/contract';
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

export function emit(
  ctx: HourContext,
  model: string,
  metric: string,
  dims: Record<string, string>,
  value: number,
): void {
  ctx.out.push({ modelName: model, metricName: metric, value, timestamp: ctx.clock.hourMs, ...dims });
}
