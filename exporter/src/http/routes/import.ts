import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { ApiError, ImportKinds, ImportReport, type ImportKind } from '@kpilens/contract';
import { CsvHeaderError } from '../../csv/csv-rows';
import { importCsv, ImportInterruptedError, ImportTooLargeError } from '../../csv/import-csv';
import { isUnavailableError } from '../../db/db';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { recordWrite, timeBounds, transact } from '../ingest-service';

const errors = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  413: ApiError,
  415: ApiError,
  429: ApiError,
  500: ApiError,
  503: ApiError,
};

const FORMATS: Record<ImportKind, string> = {
  points: 'Header `timestamp,modelName,metricName,value,<dimension columns...>`.',
  events:
    'Header `type,id,timestamp,<event fields...>`; each row fills the fields of its own type (see docs/events.md).',
  accounts:
    'Header `id,openedAt` and optionally `name`, `creditLimit` (the fields of POST /accounts/batch items).',
  invoices:
    'Header `id,accountId,amount,issuedAt,dueAt` and optionally `minimumDue` (the fields of ' +
    'POST /invoices/batch items); a row naming an account the organization does not have is rejected.',
  payments:
    'Header `id,accountId,amount,paidAt` and optionally `invoiceId` (the fields of POST /payments/batch ' +
    'items); a row naming an account the organization does not have is rejected.',
};

function tooLarge(limit: number, progress = 'nothing was stored'): ApiHttpError {
  return new ApiHttpError(
    413,
    `import larger than ${limit} bytes (KPILENS_IMPORT_LIMIT_BYTES); ${progress}; split the file or use ` +
      '`kpilens import`',
  );
}

/** Maps an import failure to the API's error shape (the body stream was never buffered). */
function asHttpError(err: unknown): unknown {
  if (err instanceof CsvHeaderError)
    return new ApiHttpError(400, `invalid CSV: ${err.message}; nothing was stored`, [
      { path: '/header', message: err.message },
    ]);
  if (err instanceof ImportInterruptedError) {
    if (err.cause instanceof ImportTooLargeError)
      return tooLarge(err.cause.limit, `${err.report.accepted} row(s) before the limit were stored`);
    const busy =
      isUnavailableError(err.cause) || (err.cause instanceof ApiHttpError && err.cause.statusCode === 503);
    return new ApiHttpError(busy ? 503 : 500, err.message, undefined, busy ? { 'retry-after': '5' } : {});
  }
  return err;
}

/**
 * Reads and discards what the client is still sending, for a short while, before an error answer: a server
 * that answers and closes while the client is still uploading makes most clients see a connection reset
 * instead of the answer (the "lingering close" of web servers). After `ms` the answer goes anyway.
 */
function lingerDrain(body: Readable, ms: number): Promise<void> {
  if (body.readableEnded || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      body.off('end', done).off('error', done).off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    body.on('end', done).on('error', done).on('close', done);
    body.resume();
  });
}

export async function importRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  for (const kind of ImportKinds)
    app.post(
      `/import/${kind}`,
      {
        config: { scope: 'ingest' },
        // The body schema only documents the format (OpenAPI): the body is a stream, read by importCsv.
        validatorCompiler: () => () => true,
        schema: {
          summary: `Import ${kind} from a CSV file (streamed)`,
          description:
            `Send the file as the body with Content-Type text/csv; it is streamed, never held in memory. ` +
            `${FORMATS[kind]} Each row is accepted or rejected on its own; the report lists rejected rows by ` +
            'line number with the reason. Importing the same file again changes nothing (idempotent).',
          tags: ['ingest'],
          consumes: ['text/csv'],
          body: Type.String({ description: `the CSV file. ${FORMATS[kind]}` }),
          response: { 200: ImportReport, ...errors },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        const body: unknown = req.body;
        if (!(body instanceof Readable))
          throw new ApiHttpError(415, 'send the CSV file as the body with Content-Type text/csv');
        const limit = ctx.config.importLimitBytes;
        // Refused before reading: a client that sent "Expect: 100-continue" has not uploaded anything yet.
        if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
        try {
          return await importCsv(body, {
            kind,
            orgId: principal.orgId,
            transact: (fn) => transact(ctx, fn),
            registry: ctx.seriesRegistry,
            bounds: () => timeBounds(ctx),
            byteLimit: limit,
            onPointsWritten: (outcome) => recordWrite(ctx, principal.orgId, outcome),
          });
        } catch (err) {
          await lingerDrain(body, 2000);
          throw asHttpError(err);
        }
      },
    );
}
