import {
  AccountBatch,
  AccountList,
  AccountListQuery,
  AccountScore,
  ApiError,
  type ErrorDetail,
  IngestResult,
  ModelSwitch,
  ModelVersions,
  InvoiceBatch,
  PaymentBatch,
  ScoreQuery,
} from '@kpilens/contract';
import { Type } from '@sinclair/typebox';
import {
  normalizeAccounts,
  normalizeInvoices,
  normalizePayments,
  unknownAccounts,
} from '../../accounts/normalize';
import { MODEL_NAME } from '../../accounts/model-holder';
import { metricsObserver } from '../../accounts/schedule';
import { levelStyle, scoreAccounts } from '../../accounts/scoring';
import {
  type StoredScore,
  type UpsertCount,
  existingAccounts,
  latestScore,
  listAccounts,
  writeAccounts,
  writeInvoices,
  writePayments,
} from '../../accounts/store';
import type { Queryable } from '../../db/db';
import { ModelRejectedError } from '../../ml/scorer';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { transact } from '../ingest-service';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 413: ApiError, 429: ApiError, 503: ApiError };
const IDEMPOTENT =
  'All or nothing: a rejection lists every bad item. Items are keyed by id within the organization; ' +
  're-sending an unchanged item counts as a duplicate, a changed one replaces the stored one.';

function invalid(details: ErrorDetail[]): never {
  throw new ApiHttpError(400, `${details.length} invalid field(s); nothing was stored`, details);
}

async function store(
  ctx: AppContext,
  count: number,
  fn: (tx: Queryable) => Promise<UpsertCount>,
): Promise<IngestResult> {
  const { inserted, updated } = await transact(ctx, fn);
  return { accepted: count, inserted, updated, duplicates: count - inserted - updated };
}

/** Invoices and payments belong to accounts: all of the batch's accounts must exist, checked in the write. */
function storeForAccounts<R extends { accountId: string }>(
  ctx: AppContext,
  orgId: number,
  rows: R[],
  basePath: string,
  write: (tx: Queryable, orgId: number, rows: R[]) => Promise<UpsertCount>,
): Promise<IngestResult> {
  return store(ctx, rows.length, async (tx) => {
    const known = await existingAccounts(
      tx,
      orgId,
      rows.map((r) => r.accountId),
    );
    const missing = unknownAccounts(rows, known, basePath);
    if (missing.length > 0) invalid(missing);
    return write(tx, orgId, rows);
  });
}

export function scoreResponse(s: StoredScore): AccountScore {
  return {
    accountId: s.accountId,
    modelVersion: s.modelVersion,
    scoredAt: new Date(s.scoredAt).toISOString(),
    probability: s.probability,
    ...levelStyle(s.level),
    confidence: s.confidence,
    expectedPaymentDate:
      s.expectedPaymentDate === null ? null : new Date(s.expectedPaymentDate).toISOString(),
    factors: s.factors as AccountScore['factors'],
  };
}

export async function accountRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.post(
    '/accounts/batch',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Create or update accounts (customers who pay invoices)',
        description: IDEMPOTENT,
        tags: ['payment risk'],
        body: AccountBatch,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => {
      const { rows, errors: bad } = normalizeAccounts(req.body.accounts);
      if (bad.length > 0) invalid(bad);
      return store(ctx, rows.length, (tx) => writeAccounts(tx, principalOf(req).orgId, rows));
    },
  );

  app.post(
    '/invoices/batch',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Create or update invoices of existing accounts',
        description: IDEMPOTENT,
        tags: ['payment risk'],
        body: InvoiceBatch,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => {
      const { rows, errors: bad } = normalizeInvoices(req.body.invoices);
      if (bad.length > 0) invalid(bad);
      return storeForAccounts(ctx, principalOf(req).orgId, rows, '/invoices', writeInvoices);
    },
  );

  app.post(
    '/payments/batch',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Record payments of existing accounts',
        description: `${IDEMPOTENT} A payment without invoiceId settles the oldest invoice still owing.`,
        tags: ['payment risk'],
        body: PaymentBatch,
        response: { 200: IngestResult, ...errors },
      },
    },
    async (req) => {
      const { rows, errors: bad } = normalizePayments(req.body.payments);
      if (bad.length > 0) invalid(bad);
      return storeForAccounts(ctx, principalOf(req).orgId, rows, '/payments', writePayments);
    },
  );

  app.get(
    '/accounts',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List accounts in id order, a page at a time',
        tags: ['payment risk'],
        querystring: AccountListQuery,
        response: { 200: AccountList, ...errors },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 100;
      // One more than asked says whether another page exists.
      const rows = await listAccounts(ctx.db, principalOf(req).orgId, limit + 1, req.query.after);
      const page = rows.slice(0, limit);
      return {
        accounts: page.map((a) => ({
          id: a.id,
          name: a.name,
          openedAt: new Date(a.openedAt).toISOString(),
          creditLimit: a.creditLimit,
        })),
        ...(rows.length > limit ? { next: page[page.length - 1].id } : {}),
      };
    },
  );

  app.get(
    '/accounts/:id/score',
    {
      config: { scope: 'read' },
      schema: {
        summary: "An account's payment-risk score",
        description:
          'The latest stored score; computed now when the account was never scored or with recalculate=true ' +
          '(the new score is stored too).',
        tags: ['payment risk'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: ScoreQuery,
        response: { 200: AccountScore, 404: ApiError, ...errors },
      },
    },
    async (req) => {
      const orgId = principalOf(req).orgId;
      const id = req.params.id;
      const known = await existingAccounts(ctx.db, orgId, [id]);
      if (!known.has(id)) throw new ApiHttpError(404, `no account "${id}"`);
      if (!req.query.recalculate) {
        const stored = await latestScore(ctx.db, orgId, id);
        if (stored) return scoreResponse(stored);
      }
      await followActiveModel(ctx);
      const [score] = await ctx.models.use(({ model, version }) =>
        scoreAccounts(ctx.db, model, version, orgId, [id], new Date(), metricsObserver(ctx.metrics)),
      );
      return scoreResponse(score);
    },
  );

  app.get(
    '/ml/models',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Payment-risk model versions on disk and the one served',
        tags: ['payment risk'],
        response: { 200: ModelVersions, ...errors },
      },
    },
    async () => {
      await followActiveModel(ctx);
      return { name: MODEL_NAME, active: ctx.models.current(), available: ctx.models.available() };
    },
  );

  app.put(
    '/ml/models/active',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Switch the served payment-risk model version (every replica follows, no restart)',
        description:
          'The version is loaded and validated first (inputs, feature list, parity rows); a corrupt or ' +
          'mismatched model is refused with 422 and the current one keeps serving.',
        tags: ['payment risk'],
        body: ModelSwitch,
        response: { 200: ModelVersions, 422: ApiError, ...errors },
      },
    },
    async (req) => {
      try {
        await ctx.models.activate(ctx.db, req.body.version);
      } catch (err) {
        if (err instanceof ModelRejectedError)
          throw new ApiHttpError(422, err.message, [{ path: '/version', message: err.message }]);
        throw err;
      }
      ctx.log.info({ model: MODEL_NAME, version: req.body.version }, 'payment-risk model switched');
      return { name: MODEL_NAME, active: ctx.models.current(), available: ctx.models.available() };
    },
  );
}

/** Serve the version recorded by a switch on any replica; one that does not load here is logged, not served. */
async function followActiveModel(ctx: AppContext): Promise<void> {
  await ctx.models
    .follow(ctx.db)
    .catch((err) =>
      ctx.log.error({ err }, 'recorded payment-risk model refused; the current one keeps serving'),
    );
}
