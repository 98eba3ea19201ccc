import { Severities, type Severity } from '@kpilens/contract';
import type { DataFrame } from '@grafana/data';
import { frameReader, framesOf, num, str, time } from './fields';

/** One insight as the feed shows it (from the datasource's `insights` frame). */
export interface InsightView {
  id: number;
  severity: Severity;
  status: string;
  model: string;
  title: string;
  message: string;
  metric: string;
  /** Selector of the series' dimensions, e.g. `platform="instagram"`. */
  dimensions: string;
  observed: number | null;
  expected: number | null;
  /** Anomaly score, 0..1. */
  score: number | null;
  startedAt: number | null;
  /** Resolved or last seen. */
  endedAt: number | null;
  seriesId: number | null;
}

export type InsightSort = 'severity' | 'newest';

export interface InsightFilter {
  severities: Severity[];
  includeResolved: boolean;
  sortBy: InsightSort;
  limit: number;
}

const asSeverity = (v: unknown): Severity =>
  (Severities as readonly string[]).includes(v as string) ? (v as Severity) : 'info';

export function insightsFromFrames(frames: DataFrame[]): InsightView[] {
  return framesOf(frames, 'insights', ['severity', 'title', 'observed']).flatMap((frame) => {
    const r = frameReader(frame);
    return Array.from({ length: r.length }, (_, i) => ({
      id: num(r.value('id', i)) ?? i,
      severity: asSeverity(r.value('severity', i)),
      status: str(r.value('status', i)),
      model: str(r.value('model', i)),
      title: str(r.value('title', i)),
      message: str(r.value('text', i) ?? r.value('message', i)),
      metric: str(r.value('metric', i)),
      dimensions: str(r.value('dimensions', i)),
      observed: num(r.value('observed', i)),
      expected: num(r.value('expected', i)),
      score: num(r.value('score', i)),
      startedAt: time(r.value('time', i) ?? r.value('startedAt', i)),
      endedAt: time(r.value('timeEnd', i) ?? r.value('lastSeenAt', i)),
      seriesId: num(r.value('seriesId', i)),
    }));
  });
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Filters and orders the feed; never changes its input. */
export function selectInsights(insights: InsightView[], filter: InsightFilter): InsightView[] {
  const kept = insights.filter(
    (i) =>
      (filter.severities.length === 0 || filter.severities.includes(i.severity)) &&
      (filter.includeResolved || i.status !== 'resolved'),
  );
  const newest = (a: InsightView, b: InsightView) => (b.startedAt ?? 0) - (a.startedAt ?? 0) || b.id - a.id;
  kept.sort(
    filter.sortBy === 'severity'
      ? (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || newest(a, b)
      : newest,
  );
  return kept.slice(0, Math.max(1, filter.limit));
}

/** Observed against expected as a relative change (+0.25 = 25 % above); null without a usable expected. */
export function relativeDeviation(insight: Pick<InsightView, 'observed' | 'expected'>): number | null {
  const { observed, expected } = insight;
  if (observed === null || expected === null || expected === 0) {
    return null;
  }
  return (observed - expected) / Math.abs(expected);
}

/**
 * Recent values per series id, from frames that carry `meta.custom.seriesId` (the datasource's series and
 * anomaly band frames): a second query in the panel gives each insight its sparkline.
 */
export function sparklinesBySeries(frames: DataFrame[]): Map<number, number[]> {
  const lines = new Map<number, number[]>();
  for (const frame of frames) {
    const seriesId = num(frame.meta?.custom?.seriesId);
    const field =
      frame.fields.find((f) => f.name === 'observed') ?? frame.fields.find((f) => f.type === 'number');
    if (seriesId === null || !field) {
      continue;
    }
    const values = field.values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length > 1) {
      lines.set(seriesId, values);
    }
  }
  return lines;
}

/** SVG polyline points of values in a width x height box (top = largest). */
export function sparklinePoints(values: number[], width: number, height: number): string {
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - ((v - min) / span) * height).toFixed(1)}`)
    .join(' ');
}
