import type { BusinessEvent, ErrorDetail, EventType } from '@kpilens/contract';
import { parseTimestamp, type TimeBounds } from '../ingest/normalize-points';

/** A schema-valid event with its time resolved; `payload` is every field but type, id and timestamp. */
export interface NormalizedEvent {
  type: EventType;
  id: string;
  ts: number;
  payload: Record<string, unknown>;
}

/**
 * Resolves event timestamps (same rules as points) after the schema check. Collects every error; the
 * caller stores nothing when any is found.
 */
export function normalizeEvents(
  events: BusinessEvent[],
  bounds: TimeBounds,
  basePath = '/events',
): { events: NormalizedEvent[]; errors: ErrorDetail[] } {
  const out: NormalizedEvent[] = [];
  const errors: ErrorDetail[] = [];
  events.forEach((e, index) => {
    const ts = parseTimestamp(e.timestamp, bounds);
    if ('error' in ts) {
      errors.push({ index, path: `${basePath}/${index}/timestamp`, message: ts.error });
      return;
    }
    const { type, id, timestamp: _t, ...payload } = e;
    out.push({ type, id, ts: ts.ms, payload });
  });
  return { events: out, errors };
}
