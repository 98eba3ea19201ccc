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

/**
 * Google's daily CTR as a random walk of levels, and paid-search signup completions following the same
 * levels two days later (hours from `startMs`): the analysis finds marketing leading onboarding.
 */
export function ctrLeadingSignups(hours: number, startMs = HISTORY_START): KpiPoint[] {
  let seed = 17;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const level: number[] = [];
  for (let d = 0; d < hours / 24; d++) level.push(Math.max(0.2, (level[d - 1] ?? 1) + 0.4 * rnd()));
  const pts: KpiPoint[] = [];
  for (let h = 0; h < hours; h++) {
    const d = Math.floor(h / 24);
    const timestamp = new Date(startMs + h * HOUR).toISOString();
    pts.push({
      modelName: 'marketing',
      metricName: 'ctr',
      value: 2 * level[d] * (1 + 0.02 * rnd()),
      timestamp,
      platform: 'google',
    } as KpiPoint);
    pts.push({
      modelName: 'onboarding',
      metricName: 'signups_completed',
      value: 50 * level[Math.max(0, d - 2)] * (1 + 0.02 * rnd()),
      timestamp,
      source: 'paid_search',
    } as KpiPoint);
  }
  return pts;
}

/** Writes points through the exporter's own write path (as the demo loader does). */
export async function writeHistory(db: Db, orgId: number, points: KpiPoint[]): Promise<void> {
  await writeDemoPoints(db, new SeriesRegistry(), orgId, points, {
    nowMs: Date.now(),
    minMs: 0,
    maxFutureSkewMs: 86_400_000,
  });
}
