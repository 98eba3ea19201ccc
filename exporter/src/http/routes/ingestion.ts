import { ApiError, IngestionRate } from '@kpilens/contract';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';

const errors = { 401: ApiError, 403: ApiError, 429: ApiError, 503: ApiError };

/** How fast the organization's points are being stored, for the app's overview. */
export async function ingestionRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/ingestion',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Points stored per second over the last minute, 5 minutes and hour',
        description:
          'Counted by the replica that answers (behind a load balancer, each replica counts what it ' +
          'stored: sum kpi_ingestion_total in Prometheus for the whole deployment). A window longer than ' +
          'the replica has run is divided by the time it ran.',
        tags: ['ingest'],
        response: { 200: IngestionRate, ...errors },
      },
    },
    async (req) => {
      const orgId = principalOf(req).orgId;
      const now = Date.now();
      const last = ctx.ingestionRate.lastWrite(orgId);
      return {
        asOf: new Date(now).toISOString(),
        runningSince: new Date(ctx.ingestionRate.startedMs).toISOString(),
        windows: ctx.ingestionRate.windows(orgId, now),
        lastWriteAt: last === null ? null : new Date(last).toISOString(),
      };
    },
  );
}
