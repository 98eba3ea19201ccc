import { Type } from '@sinclair/typebox';
import { API_VERSION, ApiError, WhoAmI } from '@kpilens/contract';
import { timingSafeEqual } from 'node:crypto';
import { pendingMigrations } from '../../db/migrate';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Liveness, readiness and the Prometheus endpoint: outside /api, no API key. */
export async function systemRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness',
        tags: ['system'],
        response: { 200: Type.Object({ status: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: database reachable and migrations applied',
        tags: ['system'],
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String() }),
          503: Type.Object({ status: Type.String(), database: Type.String(), reason: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        const pending = await pendingMigrations(ctx.db);
        if (pending.length > 0)
          return reply.code(503).send({
            status: 'not ready',
            database: ctx.db.kind,
            reason: `migrations pending: ${pending.join(', ')} (run \`kpilens migrate\`)`,
          });
        return { status: 'ready', database: ctx.db.kind };
      } catch (err) {
        return reply.code(503).send({
          status: 'not ready',
          database: ctx.db.kind,
          reason: `database unreachable: ${(err as Error).message}`,
        });
      }
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const token = ctx.config.metricsToken;
    if (token) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!m || !sameToken(m[1], token))
        throw new ApiHttpError(
          401,
          'this /metrics requires "Authorization: Bearer <KPILENS_METRICS_TOKEN>"',
          undefined,
          {
            'www-authenticate': 'Bearer',
          },
        );
    }
    const body = await ctx.metrics.render();
    return reply.header('content-type', ctx.metrics.registry.contentType).send(body);
  });
}

export async function whoamiRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/whoami',
    {
      config: { scope: 'read' },
      schema: {
        summary:
          'The organization and scopes of the calling key, and the API version (used by "Save & test")',
        tags: ['system'],
        response: { 200: WhoAmI, 401: ApiError, 403: ApiError },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return {
        organization: p.orgSlug,
        keyName: p.keyName,
        scopes: p.scopes,
        apiVersion: API_VERSION,
        exporterVersion: ctx.version,
      };
    },
  );
}
