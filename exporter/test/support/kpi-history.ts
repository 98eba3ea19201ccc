import type { KpiPoint } from '@kpilens/contract';
import type { Db } from '../../src/db/db';
import { writeDemoPoints } from '../../src/demo/load';
import { SeriesRegistry } from '../../src/store/series';

export const HOUR = 3_600_000;
/** A Monday, so replay origins (runner.ts) fall on the history's first hour. */
export const HISTORY_START = Date.UTC(2026, 0, 5);

/**
 * Hourly points of one series with a daily cycle and deterministic noise; hours [from, to) of `shift`
 * are multiplied by its factor (the injected incident).
 */
export function hourlyPoints(
  model: string,
  metric: string,
  dims: Record<string, string>,
  hours: number,
  seed: number,
  shift?: { from: number; to: number; factor: number },
  startMs = HISTORY_START,
): KpiPoint[] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
  return Array.from({ length: hours }, (_, i) => {
    const base = 100 + 30 * Math.sin((2 * Math.PI * (i % 24)) / 24) + rnd();
    const f = shift && i >= shift.from && i < shift.to ? shift.factor : 1;
    return {
      modelName: model,
      metricName: metric,
      value: base * f,
      timestamp: new Date(startMs + i * HOUR).toISOString(),
      ...dims,
    } as KpiPoint;
  });
}

/** Writes points through the exporter's own write path (as the demo loader does). */
export async function writeHistory(db: Db, orgId: number, points: KpiPoint[]): Promise<void> {
  await writeDemoPoints(db, new SeriesRegistry(), orgId, points, {
    nowMs: Date.now(),
    minMs: 0,
    maxFutureSkewMs: 86_400_000,
  });
}
