import Fastify, { type FastifyError } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { API_PREFIX, EventTypes } from '@kpilens/contract';
import type { KpiApp } from './app-types';
import { registerAuth } from './auth';
import { createBodyAjv, createQueryAjv } from './validators';
import type { AppContext } from './context';
import { ApiHttpError, MAX_DETAILS, STATUS_TEXT, validationDetails } from './errors';
import { accountRoutes } from './routes/accounts';
import { anomalyBandRoutes } from './routes/anomaly-band';
import { catalogRoutes } from './routes/catalog';
import { eventRoutes } from './routes/events';
import { importRoutes } from './routes/import';
import { ingestionRoutes } from './routes/ingestion';
import { modelRoutes } from './routes/models';
import { pointRoutes } from './routes/points';
import { readRoutes } from './routes/read';
import { riskScoreRoutes } from './routes/risk-scores';
import { recommendationRoutes } from './routes/recommendations';
import { systemRoutes, whoamiRoutes } from './routes/system';
import { isUnavailableError } from '../db/db';
import { countRejected } from './ingest-service';

export type RouteModule = (app: KpiApp, ctx: AppContext) => Promise<void>;

/** Route modules mounted under /api/v1; later features add theirs here. */
export const API_ROUTES: RouteModule[] = [
  whoamiRoutes,
  pointRoutes,
  readRoutes,
  eventRoutes,
  importRoutes,
  accountRoutes,
  modelRoutes,
  catalogRoutes,
  anomalyBandRoutes,
  riskScoreRoutes,
  recommendationRoutes,
  ingestionRoutes,
];

function makeValidators() {
  return { body: createBodyAjv(), query: createQueryAjv() };
}

/** Items of a request refused by the JSON schema still count in the ingestion counters. */
function countSchemaRejection(ctx: AppContext, route: string | undefined, body: unknown): void {
  const b = body as { points?: unknown; events?: unknown } | null;
  if (route === `${API_PREFIX}/points` || route === `${API_PREFIX}/points/batch`)
    countRejected(ctx, Array.isArray(b?.points) ? b.points : [body]);
  else if (route === `${API_PREFIX}/events` || route === `${API_PREFIX}/events/batch`) {
    const items = Array.isArray(b?.events) ? (b.events as unknown[]) : [body];
    for (const e of items) {
      const t = (e as { type?: unknown } | null)?.type;
      const type = typeof t === 'string' && (EventTypes as readonly string[]).includes(t) ? t : 'invalid';
      ctx.metrics.events.inc({ type, status: 'rejected' });
    }
  }
}

export async function buildApp(ctx: AppContext, extraRoutes: RouteModule[] = []): Promise<KpiApp> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Graceful shutdown: stop accepting, let in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as KpiApp;

  // CSV imports read the body as a stream (never buffered, so no bodyLimit): the import route checks size.
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  const validators = makeValidators();
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? validators.body : validators.query).compile(schema),
  );

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    ctx.metrics.httpDuration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler(
    (err: FastifyError & { validation?: unknown[]; validationContext?: string }, req, reply) => {
      let status = 500;
      let message = 'internal error';
      let details: ReturnType<typeof validationDetails> | undefined;
      let headers: Record<string, string> = {};
      if (err instanceof ApiHttpError) {
        status = err.statusCode;
        message = err.message;
        details = err.details;
        headers = err.headers;
      } else if (err.validation) {
        status = 400;
        // Fastify says "querystring"; the API's own query checks (read.ts) and its docs say "query".
        const where = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
        countSchemaRejection(ctx, req.routeOptions.url, req.body);
        details = validationDetails(
          err.validation as Parameters<typeof validationDetails>[0],
          where === 'body' ? '' : `/${where}`,
        );
        message = `invalid ${where}: ${details.length} problem(s)${where === 'body' ? '; nothing was stored' : ''}`;
      } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        status = 413;
        message = `request body larger than ${ctx.config.bodyLimitBytes} bytes (KPILENS_BODY_LIMIT_BYTES); split the batch`;
      } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        status = 415;
        message = `unsupported content type ${JSON.stringify(req.headers['content-type'] ?? '')}; send application/json`;
      } else if (err.statusCode === 429) {
        status = 429;
        message = err.message;
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        // Fastify's own client errors: malformed JSON, empty body...
        status = err.statusCode;
        message = err.message;
      } else if (isUnavailableError(err)) {
        status = 503;
        message = 'the database is unavailable; retry later';
        headers = { 'retry-after': '5' };
      }
      if (status >= 500) req.log.error({ err }, 'request failed');
      const total = details?.length ?? 0;
      if (details && total > MAX_DETAILS) {
        details = details.slice(0, MAX_DETAILS);
        message += ` (first ${MAX_DETAILS} of ${total} listed)`;
      }
      reply
        .code(status)
        .headers(headers)
        .send({
          statusCode: status,
          error: STATUS_TEXT[status] ?? 'Error',
          message,
          details,
          requestId: req.id,
        });
    },
  );

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `no route ${req.method} ${req.url.split('?')[0]}; see /docs`,
      requestId: req.id,
    });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'KPI Lens exporter API',
        version: ctx.version,
        description:
          'Ingest KPI points and business events, read series and aggregates. Every /api route needs ' +
          '"Authorization: Bearer <API key>" (create one with `kpilens keys create`), except this description.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerAuth(app, ctx.db, ctx.config.keyCacheTtlMs);
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per API key, on /api only: health, readiness, metrics and docs are never limited.
    allowList: (req) => !req.url.startsWith(`${API_PREFIX}/`),
    keyGenerator: (req) => req.principal?.keyId ?? req.ip,
    errorResponseBuilder: (_req, c) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `rate limit of ${c.max} requests per ${c.after} for this API key reached; retry in ${Math.ceil(c.ttl / 1000)} s`,
    }),
  });

  await systemRoutes(app, ctx);
  await app.register(
    async (api) => {
      const typed = api as unknown as KpiApp;
      typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      for (const routes of [...API_ROUTES, ...extraRoutes]) await routes(typed, ctx);
    },
    { prefix: API_PREFIX },
  );
  return app;
}
