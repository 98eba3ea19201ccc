// Accounts, invoices, payments and scores in the database. Writes go in as one statement per batch
// (arrays unnested), reads of histories as one statement per table per batch of accounts.
import type { Queryable } from '../db/db';
import type { AccountHistory } from '../ml/features';
import type { AccountRow, InvoiceRow, PaymentRow } from './normalize';

export interface UpsertCount {
  inserted: number;
  updated: number;
}

// A re-sent item that changes nothing is not returned (the WHERE of DO UPDATE), so it counts as duplicate.
async function upsert(tx: Queryable, sql: string, params: unknown[]): Promise<UpsertCount> {
  const { rows } = await tx.query<{ inserted: boolean }>(sql + ' RETURNING (xmax = 0) AS inserted', params);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

export function writeAccounts(tx: Queryable, orgId: number, rows: AccountRow[]): Promise<UpsertCount> {
  return upsert(
    tx,
    `INSERT INTO accounts AS t (org_id, id, name, opened_at, credit_limit)
     SELECT $1, u.id, u.name, to_timestamp(u.o / 1000.0), u.cl
     FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[]) AS u(id, name, o, cl)
     ON CONFLICT (org_id, id) DO UPDATE
       SET name = EXCLUDED.name, opened_at = EXCLUDED.opened_at, credit_limit = EXCLUDED.credit_limit
       WHERE (t.name, t.opened_at, t.credit_limit) IS DISTINCT FROM
             (EXCLUDED.name, EXCLUDED.opened_at, EXCLUDED.credit_limit)`,
    [
      orgId,
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.openedAt),
      rows.map((r) => r.creditLimit),
    ],
  );
}

export function writeInvoices(tx: Queryable, orgId: number, rows: InvoiceRow[]): Promise<UpsertCount> {
  return upsert(
    tx,
    `INSERT INTO invoices AS t (org_id, id, account_id, amount, issued_at, due_at, minimum_due)
     SELECT $1, u.id, u.a, u.amount, to_timestamp(u.i / 1000.0), to_timestamp(u.d / 1000.0), u.m
     FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
       AS u(id, a, amount, i, d, m)
     ON CONFLICT (org_id, id) DO UPDATE
       SET account_id = EXCLUDED.account_id, amount = EXCLUDED.amount, issued_at = EXCLUDED.issued_at,
           due_at = EXCLUDED.due_at, minimum_due = EXCLUDED.minimum_due
       WHERE (t.account_id, t.amount, t.issued_at, t.due_at, t.minimum_due) IS DISTINCT FROM
             (EXCLUDED.account_id, EXCLUDED.amount, EXCLUDED.issued_at, EXCLUDED.due_at, EXCLUDED.minimum_due)`,
    [
      orgId,
      rows.map((r) => r.id),
      rows.map((r) => r.accountId),
      rows.map((r) => r.amount),
      rows.map((r) => r.issuedAt),
      rows.map((r) => r.dueAt),
      rows.map((r) => r.minimumDue),
    ],
  );
}

export function writePayments(tx: Queryable, orgId: number, rows: PaymentRow[]): Promise<UpsertCount> {
  return upsert(
    tx,
    `INSERT INTO payments AS t (org_id, id, account_id, invoice_id, amount, paid_at)
     SELECT $1, u.id, u.a, u.inv, u.amount, to_timestamp(u.p / 1000.0)
     FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[]) AS u(id, a, inv, amount, p)
     ON CONFLICT (org_id, id) DO UPDATE
       SET account_id = EXCLUDED.account_id, invoice_id = EXCLUDED.invoice_id, amount = EXCLUDED.amount,
           paid_at = EXCLUDED.paid_at
       WHERE (t.account_id, t.invoice_id, t.amount, t.paid_at) IS DISTINCT FROM
             (EXCLUDED.account_id, EXCLUDED.invoice_id, EXCLUDED.amount, EXCLUDED.paid_at)`,
    [
      orgId,
      rows.map((r) => r.id),
      rows.map((r) => r.accountId),
      rows.map((r) => r.invoiceId),
      rows.map((r) => r.amount),
      rows.map((r) => r.paidAt),
    ],
  );
}

/** Which of these account ids exist in the organization. */
export async function existingAccounts(q: Queryable, orgId: number, ids: string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM accounts WHERE org_id = $1 AND id = ANY($2::text[])',
    [orgId, [...new Set(ids)]],
  );
  return new Set(rows.map((r) => r.id));
}

export interface AccountListRow {
  id: string;
  name: string | null;
  openedAt: number;
  creditLimit: number | null;
}

/** A page of accounts in id order, after a given id (keyset paging: stable while accounts are added). */
export async function listAccounts(
  q: Queryable,
  orgId: number,
  limit: number,
  after?: string,
): Promise<AccountListRow[]> {
  const { rows } = await q.query<{ id: string; name: string | null; o: number; cl: number | null }>(
    `SELECT id, name, extract(epoch FROM opened_at)::float8 * 1000 AS o, credit_limit AS cl
     FROM accounts WHERE org_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [orgId, after ?? null, limit],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, openedAt: r.o, creditLimit: r.cl }));
}

/**
 * The histories of many accounts as the feature builder takes them: one query per table for the
 * whole batch. Accounts that do not exist are absent from the map.
 */
export function loadHistories(
  q: Queryable,
  orgId: number,
  ids: string[],
): Promise<Map<string, AccountHistory>> {
  return readHistories(q, 'id = ANY($2::text[])', 'account_id = ANY($2::text[])', [orgId, ids]);
}

/**
 * A page of accounts in id order after `after`, with their histories (what a pass over every account
 * reads). Invoices and payments are read by account id range, one index range scan per table, instead
 * of one index probe per account.
 */
export async function loadHistoryPage(
  q: Queryable,
  orgId: number,
  limit: number,
  after?: string,
): Promise<{ histories: AccountHistory[]; last?: string; full: boolean }> {
  // The page's last id first: it bounds the range of the three reads.
  const { rows } = await q.query<{ id: string | null; n: number }>(
    `SELECT max(id) AS id, count(*)::int AS n FROM (SELECT id FROM accounts WHERE org_id = $1 ${after === undefined ? '' : 'AND id > $3'}
     ORDER BY id LIMIT $2) page`,
    after === undefined ? [orgId, limit] : [orgId, limit, after],
  );
  const last = rows[0]?.id ?? undefined;
  // Whether more accounts may follow (counted here: accounts added meanwhile can join the range read).
  const full = rows[0]?.n === limit;
  if (last === undefined) return { histories: [], full: false };
  const range = (col: string) => `${col} <= $2${after === undefined ? '' : ` AND ${col} > $3`}`;
  const byId = await readHistories(
    q,
    range('id'),
    range('account_id'),
    after === undefined ? [orgId, last] : [orgId, last, after],
  );
  return { histories: [...byId.values()], last, full };
}

// Epochs with date_part (float8): extract() returns numeric since PostgreSQL 14, slower for the same value.
const MS = (col: string) => `date_part('epoch', ${col}) * 1000`;

async function readHistories(
  q: Queryable,
  accountsWhere: string,
  ownedWhere: string,
  params: unknown[],
): Promise<Map<string, AccountHistory>> {
  const out = new Map<string, AccountHistory>();
  const accounts = await q.query<{ id: string; o: number; cl: number | null }>(
    `SELECT id, ${MS('opened_at')} AS o, credit_limit AS cl
     FROM accounts WHERE org_id = $1 AND ${accountsWhere} ORDER BY id`,
    params,
  );
  for (const a of accounts.rows)
    out.set(a.id, {
      accountId: a.id,
      openedAt: new Date(a.o),
      creditLimit: a.cl ?? undefined,
      invoices: [],
      payments: [],
    });
  const invoices = await q.query<{
    id: string;
    a: string;
    amount: number;
    i: number;
    d: number;
    m: number | null;
  }>(
    `SELECT id, account_id AS a, amount, ${MS('issued_at')} AS i, ${MS('due_at')} AS d, minimum_due AS m
     FROM invoices WHERE org_id = $1 AND ${ownedWhere}`,
    params,
  );
  for (const r of invoices.rows)
    out.get(r.a)?.invoices.push({
      id: r.id,
      amount: r.amount,
      issuedAt: new Date(r.i),
      dueAt: new Date(r.d),
      minimumDue: r.m ?? undefined,
    });
  const payments = await q.query<{ a: string; inv: string | null; amount: number; p: number }>(
    `SELECT account_id AS a, invoice_id AS inv, amount, ${MS('paid_at')} AS p
     FROM payments WHERE org_id = $1 AND ${ownedWhere}`,
    params,
  );
  for (const r of payments.rows)
    out.get(r.a)?.payments.push({ invoiceId: r.inv ?? undefined, amount: r.amount, paidAt: new Date(r.p) });
  return out;
}

export interface StoredScore {
  accountId: string;
  modelVersion: string;
  scoredAt: number;
  /** the invoice predicted (the next one due when scored), null when none was upcoming */
  invoiceId?: string | null;
  probability: number | null;
  level: string;
  expectedPaymentDate: number | null;
  confidence: number;
  factors: unknown[];
}

export async function writeScores(tx: Queryable, orgId: number, scores: StoredScore[]): Promise<void> {
  if (scores.length === 0) return;
  await tx.query(
    `INSERT INTO account_scores (org_id, account_id, model_version, scored_at, probability, level,
                                 expected_payment_date, confidence, factors, invoice_id)
     SELECT $1, u.a, u.v, to_timestamp(u.s / 1000.0), u.p, u.l, to_timestamp(u.e / 1000.0), u.c, u.f::jsonb, u.i
     FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::float8[], $8::float8[],
                 $9::text[], $10::text[]) AS u(a, v, s, p, l, e, c, f, i)
     ON CONFLICT DO NOTHING`,
    [
      orgId,
      scores.map((s) => s.accountId),
      scores.map((s) => s.modelVersion),
      scores.map((s) => s.scoredAt),
      scores.map((s) => s.probability),
      scores.map((s) => s.level),
      scores.map((s) => s.expectedPaymentDate),
      scores.map((s) => s.confidence),
      scores.map((s) => JSON.stringify(s.factors)),
      scores.map((s) => s.invoiceId ?? null),
    ],
  );
}

/** A stored score's columns, timestamps as epoch milliseconds. */
const SCORE_COLUMNS = `model_version AS v, ${MS('scored_at')} AS s, probability AS p, level AS l,
  ${MS('expected_payment_date')} AS e, confidence AS c`;

interface ScoreRow {
  v: string;
  s: number;
  p: number | null;
  l: string;
  e: number | null;
  c: number;
  /** absent when the query leaves the factors out */
  f?: unknown[] | string;
}

function toStoredScore(accountId: string, r: ScoreRow): StoredScore {
  return {
    accountId,
    modelVersion: r.v,
    scoredAt: r.s,
    probability: r.p,
    level: r.l,
    expectedPaymentDate: r.e,
    confidence: r.c,
    factors: r.f === undefined ? [] : typeof r.f === 'string' ? (JSON.parse(r.f) as unknown[]) : r.f,
  };
}

/** The most recent score of an account (any model version), if it was ever scored. */
export async function latestScore(
  q: Queryable,
  orgId: number,
  accountId: string,
): Promise<StoredScore | undefined> {
  const { rows } = await q.query<ScoreRow>(
    `SELECT ${SCORE_COLUMNS}, factors AS f
     FROM account_scores WHERE org_id = $1 AND account_id = $2 ORDER BY scored_at DESC LIMIT 1`,
    [orgId, accountId],
  );
  return rows[0] && toStoredScore(accountId, rows[0]);
}

/** An account's stored scores, the most recent `limit` of them in [from, to], oldest first (no factors). */
export async function scoreHistory(
  q: Queryable,
  orgId: number,
  accountId: string,
  opts: { from?: number; to?: number; limit: number },
): Promise<StoredScore[]> {
  const { rows } = await q.query<ScoreRow>(
    `SELECT * FROM (
       SELECT ${SCORE_COLUMNS}
       FROM account_scores
       WHERE org_id = $1 AND account_id = $2
         AND ($3::float8 IS NULL OR scored_at >= to_timestamp($3 / 1000.0))
         AND ($4::float8 IS NULL OR scored_at <= to_timestamp($4 / 1000.0))
       ORDER BY scored_at DESC LIMIT $5) recent
     ORDER BY s, v`,
    [orgId, accountId, opts.from ?? null, opts.to ?? null, opts.limit],
  );
  return rows.map((r) => toStoredScore(accountId, r));
}
