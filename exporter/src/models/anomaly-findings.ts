import type { AnomalyEvidence, KpiDefinition, Severity } from '@kpilens/contract';
import { ConditionTracker, type ConditionOptions, type Episode } from '../analysis/conditions';
import { StreamingAnomalyDetector, type DetectorOptions } from '../analysis/streaming-detector';
import type { Finding, KpiSeries } from './kpi-model';

export interface AnomalyOptions {
  detector?: Partial<DetectorOptions>;
  conditions?: Partial<ConditionOptions>;
}

/** Severity of an anomaly: against the KPI's good direction it is a problem, with it good news. */
export function severityOf(kpi: KpiDefinition, direction: 'up' | 'down', score: number): Severity {
  if (!kpi.goodDirection) return score >= 0.9 ? 'warning' : 'info';
  if (direction === kpi.goodDirection) return 'info';
  return score >= 0.9 ? 'critical' : 'warning';
}

export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** " (platform=meta, campaignId=a)" or " (all)": where a finding is. */
export function whereOf(dimensions: Record<string, string>): string {
  const dims = Object.entries(dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return dims ? ` (${dims})` : ' (all)';
}

export function describeEpisode(
  kpi: KpiDefinition,
  dimensions: Record<string, string>,
  ep: Episode,
): { title: string; message: string; evidence: AnomalyEvidence } {
  const p = ep.peak;
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  return {
    title: `${kpi.metric} ${ep.direction === 'up' ? 'above' : 'below'} its expected range${whereOf(dimensions)}`,
    message:
      `${kpi.description}: ${fmt(p.observed)}${unit} at ${new Date(p.atMs).toISOString()} where ` +
      `${fmt(p.expected)}${unit} was expected (normal range ${fmt(p.lower)} to ${fmt(p.upper)}); ` +
      `since ${new Date(ep.startMs).toISOString()}` +
      (ep.endMs === null ? ', still going on.' : `, back to normal at ${new Date(ep.endMs).toISOString()}.`),
    evidence: {
      direction: ep.direction,
      score: p.score,
      observed: p.observed,
      expected: p.expected,
      lower: p.lower,
      upper: p.upper,
      deviation: p.deviation,
      peakAt: new Date(p.atMs).toISOString(),
    },
  };
}

/**
 * Runs the causal detector over a series' hourly values: the conditions it found, and the score of the
 * last point (the series' current anomaly score).
 */
export function detectEpisodes(
  hours: ReadonlyArray<readonly [number, number]>,
  opts: AnomalyOptions = {},
): { episodes: Episode[]; lastScore: number | null } {
  const detector = new StreamingAnomalyDetector(opts.detector);
  const tracker = new ConditionTracker(opts.conditions);
  let lastScore: number | null = null;
  for (const [t, v] of hours) {
    const r = detector.update(t, v);
    tracker.push(t, v, r);
    lastScore = r.score;
  }
  return { episodes: tracker.episodes, lastScore };
}

export function findEpisodes(hours: Array<[number, number]>, opts: AnomalyOptions = {}): Episode[] {
  return detectEpisodes(hours, opts).episodes;
}

/** The anomaly findings of one series: one per episode, keyed by series and direction. */
export function anomalyFindings(kpi: KpiDefinition, s: KpiSeries, episodes: readonly Episode[]): Finding[] {
  return episodes.map((ep) => {
    const d = describeEpisode(kpi, s.dimensions, ep);
    return {
      type: 'anomaly',
      key: `anomaly:${s.id}:${ep.direction}`,
      seriesId: s.id,
      severity: severityOf(kpi, ep.direction, ep.peak.score),
      ...d,
      startMs: ep.startMs,
      lastMs: ep.lastMs,
      endMs: ep.endMs,
    };
  });
}
