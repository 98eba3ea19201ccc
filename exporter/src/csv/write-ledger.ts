// Writes a chunk of imported accounts, invoices or payments with the JSON batch API's store functions.
// Unlike a batch, a file is judged row by row: rows naming an account the organization does not have are
// rejected with their line, and the rest of the chunk is stored.
import type { Transactor } from '../events/ingest-events';
import { unknownAccounts } from '../accounts/normalize';
import { existingAccounts, writeAccounts, writeInvoices, writePayments } from '../accounts/store';
import type { AccountRow, InvoiceRow, PaymentRow } from '../accounts/normalize';
import type { LedgerKind } from './csv-rows';
import type { LedgerRow } from './validate-row';

export interface LineRow {
  line: number;
  row: LedgerRow;
}

export interface LedgerChunkResult {
  accepted: number;
  rejections: { line: number; reason: string }[];
}

/**
 * The last row of each id, in file order. A later row for the same id replaces an earlier one, as it
 * would from a later chunk (an upsert): the result does not depend on where chunks are cut.
 */
export function lastOfEachId(rows: readonly LineRow[]): LineRow[] {
  const last = new Map<string, number>();
  rows.forEach((r, i) => last.set(r.row.id, i));
  return rows.filter((r, i) => last.get(r.row.id) === i);
}

export async function writeLedgerChunk(
  transact: Transactor,
  orgId: number,
  kind: LedgerKind,
  chunk: readonly LineRow[],
): Promise<LedgerChunkResult> {
  if (kind === 'accounts') {
    const rows = lastOfEachId(chunk).map((r) => r.row as AccountRow);
    await transact((tx) => writeAccounts(tx, orgId, rows));
    return { accepted: chunk.length, rejections: [] };
  }
  // The account check and the write share a transaction, as in the batch API. Rows are refused before
  // duplicates are folded, so a refused row never hides an earlier good one of the same id.
  const rejections = await transact(async (tx) => {
    const owned = chunk as readonly { line: number; row: InvoiceRow | PaymentRow }[];
    const known = await existingAccounts(
      tx,
      orgId,
      owned.map((r) => r.row.accountId),
    );
    const missing = unknownAccounts(
      owned.map((r) => r.row),
      known,
      '',
    );
    const refused = new Set(missing.map((m) => m.index));
    const good = lastOfEachId(owned.filter((_, i) => !refused.has(i))).map((r) => r.row);
    if (good.length > 0 && kind === 'invoices') await writeInvoices(tx, orgId, good as InvoiceRow[]);
    if (good.length > 0 && kind === 'payments') await writePayments(tx, orgId, good as PaymentRow[]);
    return missing.map((m) => ({ line: owned[m.index!].line, reason: `accountId: ${m.message}` }));
  });
  return { accepted: chunk.length - rejections.length, rejections };
}
