import { ApiError, BusinessEvent, EventBatch, IngestResult } from '@kpilens/contract';
import { ingestEvents, InvalidEventsError } from '../../events/ingest-events';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { timeBounds, transact } from '../ingest-service';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 413: ApiError, 429: ApiError, 503: ApiError };

function countByType(ctx: AppContext, events: BusinessEvent[], status: string): void {
  const per = new Map<string, number>();
  for (const e of events) per.set(e.type, (per.get(e.type) ?? 0) + 1);
  for (const [type, n] of per) ctx.metrics.events.inc({ type, status }, n);
}

async function ingest(ctx: AppContext, orgId: number, events: BusinessEvent[], basePath: string) {
  try {
    const result = await ingestEvents(
      (fn) => transact(ctx, fn),
      ctx.seriesRegistry,
      orgId,
      events,
      timeBounds(ctx),
      basePath,
    );
    countByType(ctx, events, 'accepted');
    return result;
  } catch (err) {
    if (err instanceof InvalidEventsError) {
      countByType(ctx, events, 'rejected');
      throw new ApiHttpError(400, err.message, err.details);
    }
    countByType(ctx, events, 'failed');
    throw err;
  }
}

const DERIVED =
  'Each event updates the derived KPIs of its hour (models marketing, onboarding, revenue; see docs/events.md). ' +
  'Re-sending an event with the same type and id is a duplicate: stored once, never counted twice.';

export async function eventRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.post(
    '/events',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Ingest one business event',
        description: `The "type" field picks the shape: content_performance, signup_started, signup_completed or payment. ${DERIVED}`,
        tags: ['ingest'],
        body: BusinessEvent,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => ingest(ctx, principalOf(req).orgId, [req.body], '/event'),
  );

  app.post(
    '/events/batch',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Ingest a batch of business events (all or nothing)',
        description: `The batch is stored as a whole or rejected as a whole; a rejection lists every bad item. ${DERIVED}`,
        tags: ['ingest'],
        body: EventBatch,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => ingest(ctx, principalOf(req).orgId, req.body.events, '/events'),
  );
}
