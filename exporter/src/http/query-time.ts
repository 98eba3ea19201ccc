import { parseTimestamp } from '../ingest/normalize-points';
import { ApiHttpError } from './errors';

/** A `from`/`to` query parameter (ISO 8601 or epoch ms) as epoch ms; 400 naming the parameter otherwise. */
export function parseQueryTime(raw: string, field: string): number {
  // Reads may look at any past and at forecasts far ahead: only the format is checked, not plausibility.
  const t = parseTimestamp(/^\d+$/.test(raw) ? Number(raw) : raw, {
    nowMs: Date.now(),
    minMs: 0,
    maxFutureSkewMs: 100 * 365 * 86400000,
  });
  if ('error' in t)
    throw new ApiHttpError(400, `invalid ${field}`, [{ path: `/query/${field}`, message: t.error }]);
  return t.ms;
}
