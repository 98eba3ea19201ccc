import type { ImportKind } from '@kpilens/contract';
import { normalizeEvents, type NormalizedEvent } from '../events/normalize-events';
import { normalizePoints, type NormalizedPoint, type TimeBounds } from '../ingest/normalize-points';
import { rowToEvent, rowToPoint } from './csv-rows';
import { eventProblems, pointProblems } from './row-validators';

export type RowVerdict = { point: NormalizedPoint } | { event: NormalizedEvent } | { reason: string };

const reasons = (errors: Array<{ path: string; message: string }>) =>
  errors.map((e) => `${e.path.replace(/^\/0\//, '')}: ${e.message}`).join('; ');

/**
 * One CSV data row through the same checks as an API item: column count, schema, then timestamps and
 * dimensions. The verdict is the stored form or every reason the row is refused.
 */
export function validateRow(
  kind: ImportKind,
  header: string[],
  cells: string[],
  bounds: TimeBounds,
): RowVerdict {
  if (cells.length !== header.length)
    return { reason: `expected ${header.length} columns as in the header, got ${cells.length}` };
  if (kind === 'points') {
    const row = rowToPoint(header, cells);
    if ('reason' in row) return row;
    const problems = pointProblems(row.value);
    if (problems.length) return { reason: problems.join('; ') };
    const n = normalizePoints([row.value], bounds, '');
    return n.errors.length ? { reason: reasons(n.errors) } : { point: n.points[0] };
  }
  const row = rowToEvent(header, cells);
  if ('reason' in row) return row;
  const problems = eventProblems(row.value);
  if (problems.length) return { reason: problems.join('; ') };
  const n = normalizeEvents([row.value], bounds, '');
  return n.errors.length ? { reason: reasons(n.errors) } : { event: n.events[0] };
}
