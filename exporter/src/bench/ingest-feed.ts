// The synthetic live feed the ingest benchmark sends: every series reports once per second, and a batch
// holds consecutive ticks of all series, as a collector flushing its buffer would send them.
import type { KpiPoint } from '@kpilens/contract';
import { seriesKey } from '../ingest/normalize-points';

const PLATFORMS = ['instagram', 'facebook', 'google', 'tiktok', 'linkedin'];

export interface FeedSeries {
  metric: string;
  dims: Record<string, string>;
  key: string;
}

export const FEED_MODEL = 'marketing';

export function feedSeries(count: number): FeedSeries[] {
  return Array.from({ length: count }, (_, i) => {
    const metric = ['ctr', 'cpc', 'impressions', 'clicks'][i % 4];
    const dims = { platform: PLATFORMS[i % PLATFORMS.length], campaignId: `camp_${i}` };
    return { metric, dims, key: seriesKey(FEED_MODEL, metric, dims) };
  });
}

/** The value of series `s` at tick `t`: deterministic, varied, never NaN. */
export function feedValue(s: number, t: number): number {
  return Math.round((100 + 50 * Math.sin(t / 300 + s) + (s % 7)) * 1000) / 1000;
}

/** Point `i` of the feed (i = tick * series + s), timestamped `startMs + tick` seconds. */
export function feedPoint(series: readonly FeedSeries[], startMs: number, i: number): KpiPoint {
  const s = i % series.length;
  const t = Math.floor(i / series.length);
  return {
    modelName: FEED_MODEL,
    metricName: series[s].metric,
    value: feedValue(s, t),
    timestamp: startMs + t * 1000,
    ...series[s].dims,
  };
}

/** Request bodies of `batch` points each, serialised before any clock starts. */
export function feedBodies(
  series: readonly FeedSeries[],
  startMs: number,
  total: number,
  batch: number,
): Buffer[] {
  const bodies: Buffer[] = [];
  for (let from = 0; from < total; from += batch) {
    const points: KpiPoint[] = [];
    for (let i = from; i < Math.min(total, from + batch); i++) points.push(feedPoint(series, startMs, i));
    bodies.push(Buffer.from(JSON.stringify({ points })));
  }
  return bodies;
}
