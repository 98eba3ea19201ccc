import type { BusinessEvent, IngestResult } from '@kpilens/contract';
import type { Db, Queryable } from '../db/db';
import type { TimeBounds } from '../ingest/normalize-points';
import type { SeriesRegistry } from '../store/series';
import { normalizeEvents, type NormalizedEvent } from './normalize-events';
import { writeEvents, type EventWriteOutcome } from './store-events';

export class InvalidEventsError extends Error {
  constructor(readonly details: Array<{ index?: number; path: string; message: string }>) {
    super(`${details.length} invalid field(s); nothing was stored`);
  }
}

/** How a write reaches the database: the HTTP API goes through its admission gate, the CLI straight in. */
export type Transactor = <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;

export function directTransactor(db: Db): Transactor {
  return (fn) => db.transaction(fn);
}

/** Stores already-normalized events and their derived KPIs in one transaction; caches new series ids after. */
export async function storeEvents(
  transact: Transactor,
  registry: SeriesRegistry,
  orgId: number,
  events: NormalizedEvent[],
): Promise<EventWriteOutcome> {
  const outcome = await transact((tx) => writeEvents(tx, registry, orgId, events));
  if (outcome.derived) registry.remember(orgId, outcome.derived.created);
  return outcome;
}

/** Schema-valid events as one unit: all stored, or (listing every problem) none. */
export async function ingestEvents(
  transact: Transactor,
  registry: SeriesRegistry,
  orgId: number,
  raw: BusinessEvent[],
  bounds: TimeBounds,
  basePath: string,
): Promise<IngestResult> {
  const { events, errors } = normalizeEvents(raw, bounds, basePath);
  if (errors.length > 0) throw new InvalidEventsError(errors);
  const { accepted, inserted, duplicates } = await storeEvents(transact, registry, orgId, events);
  return { accepted, inserted, updated: 0, duplicates };
}
