import {
  AccountBatch,
  AccountInvoiceList,
  AccountInvoiceQuery,
  AccountList,
  AccountListQuery,
  AccountScore,
  ApiError,
  type ErrorDetail,
  IngestResult,
  ModelStatus,
  ModelSwitch,
  ModelVersions,
  InvoiceBatch,
  PaymentBatch,
  ScoreHistory,
  ScoreHistoryQuery,
  ScoreQuery,
} from '@kpilens/contract';
import { Type } from '@sinclair/typebox';
import {
  normalizeAccounts,
  normalizeInvoices,
  normalizePayments,
  unknownAccounts,
} from '../../accounts/normalize';
import { invoiceViews } from '../../accounts/invoice-status';
import { MODEL_NAME } from '../../accounts/model-holder';
import { REALIZED_WINDOW_DAYS, measureRealizedQuality } from '../../accounts/realized';
import { metricsObserver } from '../../accounts/schedule';
import { levelStyle, scoreAccounts } from '../../accounts/scoring';
import {
  type StoredScore,
  type UpsertCount,
  existingAccounts,
  latestScore,
  listAccounts,
  loadHistories,
  scoreHistory,
  writeAccounts,
  writeInvoices,
  writePayments,
} from '../../accounts/store';
import type { Queryable } from '../../db/db';
import type { Evaluation } from '../../ml/metrics';
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

const iso = (ms: number) => new Date(ms).toISOString();
const AccountParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

async function requireAccount(ctx: AppContext, orgId: number, id: string): Promise<void> {
  const known = await existingAccounts(ctx.db, orgId, [id]);
  if (!known.has(id)) throw new ApiHttpError(404, `no account "${id}"`);
}

/**
 * Realized quality joins every score with its invoice's payments: seconds over many accounts, so an
 * organization's figure is kept for a minute (the hourly scoring pass is what changes it), and callers
 * arriving meanwhile share one measurement.
 */
const QUALITY_TTL_MS = 60_000;
function qualityCache(ctx: AppContext) {
  const cache = new Map<number, { at: number; value: Promise<Map<string, Evaluation>> }>();
  return (orgId: number, now: Date): { at: number; value: Promise<Map<string, Evaluation>> } => {
    const hit = cache.get(orgId);
    if (hit && now.getTime() - hit.at < QUALITY_TTL_MS) return hit;
    const entry = {
      at: now.getTime(),
      value: measureRealizedQuality(ctx.db, now, REALIZED_WINDOW_DAYS, orgId),
    };
    // A failed measurement is not kept.
    entry.value.catch(() => cache.delete(orgId));
    cache.set(orgId, entry);
    return entry;
  };
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
        params: AccountParams,
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
    '/accounts/:id/scores',
    {
      config: { scope: 'read' },
      schema: {
        summary: "An account's score history",
        description:
          'Stored scores (hourly pass, recalculations, first reads) without their factors, oldest first: ' +
          'the most recent `limit` of those scored in [from, to].',
        tags: ['payment risk'],
        params: AccountParams,
        querystring: ScoreHistoryQuery,
        response: { 200: ScoreHistory, 404: ApiError, ...errors },
      },
    },
    async (req) => {
      const orgId = principalOf(req).orgId;
      const { id } = req.params;
      const from = req.query.from === undefined ? undefined : Date.parse(req.query.from);
      const to = req.query.to === undefined ? undefined : Date.parse(req.query.to);
      if (from !== undefined && to !== undefined && from > to)
        throw new ApiHttpError(400, 'from is after to', [
          { path: '/query/from', message: 'must not be after to' },
        ]);
      await requireAccount(ctx, orgId, id);
      const rows = await scoreHistory(ctx.db, orgId, id, { from, to, limit: req.query.limit ?? 200 });
      return {
        accountId: id,
        scores: rows.map((r) => {
          const { accountId: _a, factors: _f, ...point } = scoreResponse(r);
          return point;
        }),
      };
    },
  );

  app.get(
    '/accounts/:id/invoices',
    {
      config: { scope: 'read' },
      schema: {
        summary: "An account's invoices with what was paid and whether on time",
        description:
          'Invoices issued by now, most recently issued first. Payments are applied as the model applies ' +
          'them: to their invoice, or to the oldest invoice still owing.',
        tags: ['payment risk'],
        params: AccountParams,
        querystring: AccountInvoiceQuery,
        response: { 200: AccountInvoiceList, 404: ApiError, ...errors },
      },
    },
    async (req) => {
      const orgId = principalOf(req).orgId;
      const { id } = req.params;
      const histories = await loadHistories(ctx.db, orgId, [id]);
      const history = histories.get(id);
      if (!history) throw new ApiHttpError(404, `no account "${id}"`);
      const asOf = new Date();
      const views = invoiceViews(history, asOf);
      return {
        accountId: id,
        asOf: asOf.toISOString(),
        total: views.length,
        invoices: views.slice(0, req.query.limit ?? 100).map((v) => ({
          ...v,
          issuedAt: iso(v.issuedAt),
          dueAt: iso(v.dueAt),
          settledAt: v.settledAt === null ? null : iso(v.settledAt),
        })),
      };
    },
  );

  const quality = qualityCache(ctx);
  app.get(
    '/ml/models/status',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'The payment-risk model served and its live quality',
        description:
          `Realized ROC-AUC, Brier score and calibration error per model version, from the last prediction ` +
          `made before each invoice of the organization that came due in the last ${REALIZED_WINDOW_DAYS} ` +
          'days and whether it was paid on time. Measured at most once a minute.',
        tags: ['payment risk'],
        response: { 200: ModelStatus, ...errors },
      },
    },
    async (req) => {
      await followActiveModel(ctx);
      const measured = quality(principalOf(req).orgId, new Date());
      const byVersion = await measured.value;
      return {
        name: MODEL_NAME,
        active: ctx.models.current(),
        activeModelVersion: `${MODEL_NAME}/${ctx.models.current()}`,
        available: ctx.models.available(),
        realized: {
          asOf: iso(measured.at),
          windowDays: REALIZED_WINDOW_DAYS,
          versions: [...byVersion]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([version, e]) => ({
              version,
              outcomes: e.rows,
              auc: Number.isFinite(e.auc) ? e.auc : null,
              brier: e.brier,
              calibrationError: e.ece,
            })),
        },
      };
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
