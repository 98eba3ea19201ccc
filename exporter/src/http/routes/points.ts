import { ApiError, IngestResult, KpiPoint, KpiPointBatch } from '@kpilens/contract';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ingestPoints } from '../ingest-service';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 413: ApiError, 429: ApiError, 503: ApiError };

export async function pointRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.post(
    '/points',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Ingest one KPI point',
        description:
          'Accepts exactly what existing integrations send, e.g. {"modelName":"marketing","metricName":"ctr",' +
          '"value":2.5,"platform":"instagram","campaignId":"camp_123"}. Other top-level fields are dimensions. ' +
          'Re-sending a point for the same series and timestamp replaces it (idempotent).',
        tags: ['ingest'],
        body: KpiPoint,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => ingestPoints(ctx, principalOf(req), [req.body], '/point'),
  );

  app.post(
    '/points/batch',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Ingest a batch of KPI points (all or nothing)',
        description:
          'The batch is stored as a whole or rejected as a whole; a rejection lists every bad item.',
        tags: ['ingest'],
        body: KpiPointBatch,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => ingestPoints(ctx, principalOf(req), req.body.points, '/points'),
  );
}
