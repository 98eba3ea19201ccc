import type { IngestResult, KpiPoint } from '@kpilens/contract';
import { isUnavailableError, type Queryable } from '../db/db';
import { normalizePoints, type NormalizedPoint } from '../ingest/normalize-points';
import type { KeyPrincipal } from '../store/api-keys';
import { writePoints, type WriteOutcome } from '../store/points';
import type { AppContext } from './context';
import { ApiHttpError } from './errors';

export function timeBounds(ctx: AppContext) {
  return {
    nowMs: Date.now(),
    minMs: Date.parse(ctx.config.minTimestamp),
    maxFutureSkewMs: ctx.config.maxFutureSkewMs,
  };
}

function modelLabel(p: { modelName?: unknown }): string {
  return typeof p.modelName === 'string' && /^[a-z][a-z0-9_]{0,62}$/.test(p.modelName)
    ? p.modelName
    : 'invalid';
}

/** Counts a rejected request's points under their model (bounded: invalid names count as "invalid"). */
export function countRejected(ctx: AppContext, points: unknown[]): void {
  const per = new Map<string, number>();
  for (const p of points) {
    const m = p && typeof p === 'object' ? modelLabel(p as { modelName?: unknown }) : 'invalid';
    per.set(m, (per.get(m) ?? 0) + 1);
  }
  for (const [model, n] of per) ctx.metrics.ingestion.inc({ model, status: 'rejected' }, n);
}

/**
 * Runs a write through the admission gate in one transaction; maps "database unreachable" to 503 so
 * clients retry (writes are idempotent, so a retry after a lost acknowledgement never double counts).
 */
export async function transact<T>(ctx: AppContext, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    const out = await ctx.writeGate.run(() => ctx.db.transaction(fn));
    ctx.metrics.lastWrite.set(Date.now() / 1000);
    return out;
  } catch (err) {
    if (err instanceof ApiHttpError) throw err;
    if (isUnavailableError(err))
      throw new ApiHttpError(503, 'the database is unavailable; retry later', undefined, {
        'retry-after': '5',
      });
    throw err;
  }
}

export function recordWrite(ctx: AppContext, orgId: number, outcome: WriteOutcome): void {
  ctx.seriesRegistry.remember(orgId, outcome.created);
  let points = 0;
  for (const [model, n] of outcome.perModel) {
    ctx.metrics.ingestion.inc({ model, status: 'accepted' }, n);
    points += n;
  }
  ctx.ingestionRate.record(orgId, points);
}

/** Validates and stores points as one unit: all of them, or (with the list of every problem) none. */
export async function ingestPoints(
  ctx: AppContext,
  principal: KeyPrincipal,
  raw: KpiPoint[],
  basePath: string,
): Promise<IngestResult> {
  const { points, errors } = normalizePoints(raw, timeBounds(ctx), basePath);
  if (errors.length > 0) {
    countRejected(ctx, raw);
    throw new ApiHttpError(400, `${errors.length} invalid field(s); nothing was stored`, errors);
  }
  return storeNormalized(ctx, principal, points);
}

export async function storeNormalized(
  ctx: AppContext,
  principal: KeyPrincipal,
  points: NormalizedPoint[],
): Promise<IngestResult> {
  let outcome: WriteOutcome;
  try {
    outcome = await transact(ctx, (tx) => writePoints(tx, ctx.seriesRegistry, principal.orgId, points));
  } catch (err) {
    const per = new Map<string, number>();
    for (const p of points) per.set(p.model, (per.get(p.model) ?? 0) + 1);
    for (const [model, n] of per) ctx.metrics.ingestion.inc({ model, status: 'failed' }, n);
    throw err;
  }
  recordWrite(ctx, principal.orgId, outcome);
  const { accepted, inserted, updated, duplicates } = outcome;
  return { accepted, inserted, updated, duplicates };
}
