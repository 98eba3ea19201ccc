import type { KpiPoint } from '@kpilens/contract';
import type { DemoGenerator } from './generate';
import { HOUR_MS, floorHour } from './timeline';

/**
 * What the live feed writes at `nowMs`: the final values of hours completed since `finalUpTo` (so an
 * hour shown "so far" is corrected once it ends) and the hour in progress with its counts so far.
 * Re-writing the same values is harmless: points are upserted, so a repeat counts as a duplicate.
 */
export function livePoints(
  gen: DemoGenerator,
  finalUpTo: number,
  nowMs: number,
): { points: KpiPoint[]; finalUpTo: number } {
  const current = floorHour(nowMs);
  const points: KpiPoint[] = [];
  for (let t = finalUpTo; t < current; t += HOUR_MS) for (const p of gen.hour(t)) points.push(p);
  for (const p of gen.hour(current, (nowMs - current) / HOUR_MS)) points.push(p);
  return { points, finalUpTo: Math.max(finalUpTo, current) };
}
