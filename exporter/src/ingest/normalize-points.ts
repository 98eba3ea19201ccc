import { DIMENSION_KEY_PATTERN, MAX_DIMENSIONS, type ErrorDetail, type KpiPoint } from '@kpilens/contract';

/** A validated point with its canonical series identity. */
export interface NormalizedPoint {
  seriesKey: string;
  model: string;
  metric: string;
  dimensions: Record<string, string>;
  ts: number;
  value: number;
}

export interface TimeBounds {
  nowMs: number;
  minMs: number;
  maxFutureSkewMs: number;
}

const RESERVED = new Set(['modelName', 'metricName', 'value', 'timestamp']);
const DIM_KEY = new RegExp(DIMENSION_KEY_PATTERN);

/** Canonical identity of a series: model, metric and the dimensions sorted by key. */
export function seriesKey(model: string, metric: string, dimensions: Record<string, string>): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((k) => [k, dimensions[k]]);
  return JSON.stringify([model, metric, dims]);
}

/** Parses an API timestamp (ISO 8601 with offset, or epoch ms) and checks it is plausible. */
export function parseTimestamp(
  raw: string | number | undefined,
  bounds: TimeBounds,
): { ms: number } | { error: string } {
  if (raw === undefined) return { ms: bounds.nowMs };
  const ms = typeof raw === 'number' ? raw : Date.parse(raw);
  if (!Number.isFinite(ms))
    return { error: 'expected an ISO 8601 date-time with offset or epoch milliseconds' };
  if (typeof raw === 'number' && !Number.isInteger(raw))
    return { error: 'epoch milliseconds must be an integer' };
  const max = bounds.nowMs + bounds.maxFutureSkewMs;
  if (ms < bounds.minMs || ms > max)
    return {
      error: `expected a time between ${new Date(bounds.minMs).toISOString()} and ${new Date(max).toISOString()}`,
    };
  return { ms };
}

/** A dimension value as stored, or undefined when its type is not allowed. */
function dimensionValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  return undefined;
}

/**
 * Checks what the JSON schema cannot (finite values, plausible timestamps, dimension keys) and gives each
 * point its series key. Collects every error; the caller stores nothing when any is found.
 */
export function normalizePoints(
  points: KpiPoint[],
  bounds: TimeBounds,
  basePath = '/points',
): { points: NormalizedPoint[]; errors: ErrorDetail[] } {
  const out: NormalizedPoint[] = [];
  const errors: ErrorDetail[] = [];
  // A batch holds many points of few series: the canonical key (sort + JSON) is computed once per series,
  // found again by a cheap length-prefixed (so unambiguous) concatenation of the fields as sent.
  const identities = new Map<string, { seriesKey: string; dimensions: Record<string, string> }>();
  for (let index = 0; index < points.length; index++) {
    const p = points[index];
    const before = errors.length;
    if (typeof p.value !== 'number' || !Number.isFinite(p.value))
      errors.push({ index, path: `${basePath}/${index}/value`, message: 'expected a finite number' });
    const ts = parseTimestamp(p.timestamp, bounds);
    if ('error' in ts) errors.push({ index, path: `${basePath}/${index}/timestamp`, message: ts.error });
    let raw = `${p.modelName.length}:${p.modelName}${p.metricName.length}:${p.metricName}`;
    let count = 0;
    for (const k in p) {
      if (RESERVED.has(k)) continue;
      count++;
      const v = dimensionValue(p[k]);
      if (!DIM_KEY.test(k))
        errors.push({
          index,
          path: `${basePath}/${index}/${k}`,
          message: `dimension names must match ${DIMENSION_KEY_PATTERN}`,
        });
      else if (v === undefined)
        errors.push({
          index,
          path: `${basePath}/${index}/${k}`,
          message: 'dimension values must be a string, number or boolean',
        });
      else raw += `${k.length}:${k}${v.length}:${v}`;
    }
    if (count > MAX_DIMENSIONS)
      errors.push({ index, path: `${basePath}/${index}`, message: `at most ${MAX_DIMENSIONS} dimensions` });
    if (errors.length > before || 'error' in ts) continue;
    let identity = identities.get(raw);
    if (identity === undefined) {
      const dimensions: Record<string, string> = {};
      for (const k in p) if (!RESERVED.has(k)) dimensions[k] = dimensionValue(p[k])!;
      identity = { seriesKey: seriesKey(p.modelName, p.metricName, dimensions), dimensions };
      identities.set(raw, identity);
    }
    out.push({
      seriesKey: identity.seriesKey,
      model: p.modelName,
      metric: p.metricName,
      // shared by the points of one series in this batch: nothing downstream mutates it
      dimensions: identity.dimensions,
      ts: ts.ms,
      value: p.value,
    });
  }
  return { points: out, errors };
}

/** Keeps the last of several points for the same series and timestamp (one statement cannot upsert a row twice). */
export function dedupeLastWins(points: NormalizedPoint[]): NormalizedPoint[] {
  const seen = new Map<string, number>();
  const out: NormalizedPoint[] = [];
  for (const p of points) {
    const k = `${p.seriesKey}@${p.ts}`;
    const i = seen.get(k);
    if (i === undefined) {
      seen.set(k, out.length);
      out.push(p);
    } else out[i] = p;
  }
  return out;
}

/**
 * Splits one series' timestamps into ranges separated by gaps longer than `maxGapMs`, so a batch mixing
 * a backfill and live points does not make the rollup pass recompute everything in between.
 */
export function timeRanges(sortedTs: number[], maxGapMs: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const t of sortedTs) {
    const last = out[out.length - 1];
    if (last && t - last[1] <= maxGapMs) last[1] = t;
    else out.push([t, t]);
  }
  return out;
}
