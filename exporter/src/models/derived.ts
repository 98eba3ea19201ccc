import type { KpiDefinition } from '@kpilens/contract';

/** The canonical text of a dimension set (keys sorted), to pair series of different metrics. */
export function dimensionsKey(dimensions: Record<string, string>): string {
  return JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A derived KPI hour by hour: scale × numerator / denominator over the hours both have, a ratio of the
 * hourly sums (never a mean of ratios). Hours with a zero denominator have no value (no made-up 0), as in
 * the events derivation (docs/events.md).
 */
export function deriveHours(
  numerator: ReadonlyArray<readonly [number, number]>,
  denominator: ReadonlyArray<readonly [number, number]>,
  scale = 1,
): Array<[number, number]> {
  const den = new Map(denominator.map(([t, v]) => [t, v]));
  const out: Array<[number, number]> = [];
  for (const [t, n] of numerator) {
    const d = den.get(t);
    if (d === undefined || d === 0 || !Number.isFinite(n / d)) continue;
    out.push([t, (scale * n) / d]);
  }
  return out;
}

/** The computed hours that the stored series lacks or holds with another value (inputs corrected since). */
export function hoursToWrite(
  computed: ReadonlyArray<readonly [number, number]>,
  stored: ReadonlyArray<readonly [number, number]>,
): Array<[number, number]> {
  const have = new Map(stored.map(([t, v]) => [t, v]));
  return computed.filter(([t, v]) => {
    const s = have.get(t);
    return s === undefined || Math.abs(s - v) > 1e-9 * Math.max(1, Math.abs(v));
  }) as Array<[number, number]>;
}

/** Metrics a model reads: its KPIs and the inputs of its derived KPIs. */
export function metricsRead(kpis: readonly KpiDefinition[]): string[] {
  const out = new Set<string>();
  for (const k of kpis) {
    out.add(k.metric);
    if (k.derived) {
      out.add(k.derived.numerator);
      out.add(k.derived.denominator);
    }
  }
  return [...out];
}

/** Whether a series' dimension keys are among a KPI's analysed dimension sets (all when none are given). */
export function inDimensionSets(kpi: KpiDefinition, dimensions: Record<string, string>): boolean {
  if (!kpi.dimensionSets) return true;
  const keys = Object.keys(dimensions).sort().join(',');
  return kpi.dimensionSets.some((set) => [...set].sort().join(',') === keys);
}
