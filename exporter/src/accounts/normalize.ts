// Checks of account, invoice and payment batches that a JSON schema cannot express; pure, so the
// API and a CSV import can share them. Every problem is collected: the caller stores nothing then.
import type { AccountInput, ErrorDetail, InvoiceInput, PaymentInput } from '@kpilens/contract';

export interface AccountRow {
  id: string;
  name: string | null;
  openedAt: number;
  creditLimit: number | null;
}
export interface InvoiceRow {
  id: string;
  accountId: string;
  amount: number;
  issuedAt: number;
  dueAt: number;
  minimumDue: number | null;
}
export interface PaymentRow {
  id: string;
  accountId: string;
  invoiceId: string | null;
  amount: number;
  paidAt: number;
}

export interface Normalized<R> {
  rows: R[];
  errors: ErrorDetail[];
}

function time(v: string, path: string, index: number, errors: ErrorDetail[]): number {
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) errors.push({ index, path, message: 'must be a valid date-time' });
  return ms;
}

// The same id twice in one batch would make one upsert statement touch a row twice (PostgreSQL refuses);
// it is also almost certainly a client bug, so it is reported rather than silently keeping one.
function checkUnique(ids: string[], base: string, errors: ErrorDetail[]): void {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, index);
    else errors.push({ index, path: `${base}/${index}/id`, message: `repeats the id of item ${seen}` });
  });
}

export function normalizeAccounts(items: AccountInput[], base = '/accounts'): Normalized<AccountRow> {
  const errors: ErrorDetail[] = [];
  const rows = items.map((a, i) => ({
    id: a.id,
    name: a.name ?? null,
    openedAt: time(a.openedAt, `${base}/${i}/openedAt`, i, errors),
    creditLimit: a.creditLimit ?? null,
  }));
  checkUnique(
    items.map((a) => a.id),
    base,
    errors,
  );
  return { rows, errors };
}

export function normalizeInvoices(items: InvoiceInput[], base = '/invoices'): Normalized<InvoiceRow> {
  const errors: ErrorDetail[] = [];
  const rows = items.map((v, i) => {
    const issuedAt = time(v.issuedAt, `${base}/${i}/issuedAt`, i, errors);
    const dueAt = time(v.dueAt, `${base}/${i}/dueAt`, i, errors);
    if (dueAt < issuedAt)
      errors.push({ index: i, path: `${base}/${i}/dueAt`, message: 'must not be before issuedAt' });
    if (v.minimumDue !== undefined && v.minimumDue > v.amount)
      errors.push({ index: i, path: `${base}/${i}/minimumDue`, message: 'must not exceed amount' });
    return {
      id: v.id,
      accountId: v.accountId,
      amount: v.amount,
      issuedAt,
      dueAt,
      minimumDue: v.minimumDue ?? null,
    };
  });
  checkUnique(
    items.map((v) => v.id),
    base,
    errors,
  );
  return { rows, errors };
}

export function normalizePayments(items: PaymentInput[], base = '/payments'): Normalized<PaymentRow> {
  const errors: ErrorDetail[] = [];
  const rows = items.map((p, i) => ({
    id: p.id,
    accountId: p.accountId,
    invoiceId: p.invoiceId ?? null,
    amount: p.amount,
    paidAt: time(p.paidAt, `${base}/${i}/paidAt`, i, errors),
  }));
  checkUnique(
    items.map((p) => p.id),
    base,
    errors,
  );
  return { rows, errors };
}

/** Items naming an account that does not exist in the organization (nor in the same request). */
export function unknownAccounts(
  rows: { accountId: string }[],
  known: ReadonlySet<string>,
  base: string,
): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  rows.forEach((r, index) => {
    if (!known.has(r.accountId))
      out.push({ index, path: `${base}/${index}/accountId`, message: `no account "${r.accountId}"` });
  });
  return out;
}
