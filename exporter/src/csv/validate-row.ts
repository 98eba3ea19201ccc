import type { AccountInput, ImportKind, InvoiceInput, PaymentInput } from '@kpilens/contract';
import {
  normalizeAccounts,
  normalizeInvoices,
  normalizePayments,
  type AccountRow,
  type InvoiceRow,
  type Normalized,
  type PaymentRow,
} from '../accounts/normalize';
import { normalizeEvents, type NormalizedEvent } from '../events/normalize-events';
import { normalizePoints, type NormalizedPoint, type TimeBounds } from '../ingest/normalize-points';
import { isLedgerKind, rowToEvent, rowToLedgerItem, rowToPoint, type LedgerKind } from './csv-rows';
import { eventProblems, ledgerProblems, pointProblems } from './row-validators';

export type LedgerRow = AccountRow | InvoiceRow | PaymentRow;

export type RowVerdict =
  { point: NormalizedPoint } | { event: NormalizedEvent } | { ledger: LedgerRow } | { reason: string };

const reasons = (errors: Array<{ path: string; message: string }>) =>
  errors.map((e) => `${e.path.replace(/^\/0\//, '')}: ${e.message}`).join('; ');

/**
 * One CSV data row through the same checks as an API item: column count, schema, then timestamps and
 * dimensions. The verdict is the stored form or every reason the row is refused.
 */
export function validateRow(
  kind: ImportKind,
  header: string[],
  cells: string[],
  bounds: TimeBounds,
): RowVerdict {
  if (cells.length !== header.length)
    return { reason: `expected ${header.length} columns as in the header, got ${cells.length}` };
  if (isLedgerKind(kind)) return validateLedgerRow(kind, header, cells);
  if (kind === 'points') {
    const row = rowToPoint(header, cells);
    if ('reason' in row) return row;
    const problems = pointProblems(row.value);
    if (problems.length) return { reason: problems.join('; ') };
    const n = normalizePoints([row.value], bounds, '');
    return n.errors.length ? { reason: reasons(n.errors) } : { point: n.points[0] };
  }
  const row = rowToEvent(header, cells);
  if ('reason' in row) return row;
  const problems = eventProblems(row.value);
  if (problems.length) return { reason: problems.join('; ') };
  const n = normalizeEvents([row.value], bounds, '');
  return n.errors.length ? { reason: reasons(n.errors) } : { event: n.events[0] };
}

/** The batch API's normalizer of each ledger kind, applied to a one-item batch. */
const NORMALIZE: Record<LedgerKind, (items: never[], base: string) => Normalized<LedgerRow>> = {
  accounts: (items: AccountInput[], base) => normalizeAccounts(items, base),
  invoices: (items: InvoiceInput[], base) => normalizeInvoices(items, base),
  payments: (items: PaymentInput[], base) => normalizePayments(items, base),
};

function validateLedgerRow(kind: LedgerKind, header: string[], cells: string[]): RowVerdict {
  const item = rowToLedgerItem(kind, header, cells);
  const problems = ledgerProblems(kind, item);
  if (problems.length) return { reason: problems.join('; ') };
  const n = NORMALIZE[kind]([item as never], '');
  return n.errors.length ? { reason: reasons(n.errors) } : { ledger: n.rows[0] };
}
