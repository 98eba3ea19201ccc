// The UCI "default of credit card clients" file as the import files of the payment-risk ledger
// (accounts, invoices, payments CSV), so the model is trained and evaluated on data that went through
// the same import, database and feature builder as a user's.
//
// Each monthly statement (April..September 2005) becomes an invoice issued on the 1st of the next
// month and due at that month's end; each monthly payment is dated the 15th of its month. The
// repayment status says how many months the client is behind at each month's end: status n >= 1
// means the last n statements due by then are still open. A statement is settled after the last
// report that shows it open (on time when no report does); that month's payment settles it.
// The outcome is the October default: a client who did not default pays the September statement
// (due at the end of October) on 15 October; a defaulter pays nothing.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { AccountInput, InvoiceInput, PaymentInput } from '@kpilens/contract';

/** Months of the data, oldest first: index 0 is April 2005, 5 is September 2005. */
const MONTHS = 6;
const FIRST_MONTH = 3; // April, as a JavaScript month index
const YEAR = 2005;

/** The as-of date of every credit-default account: the September statement is issued that day. */
export const CREDIT_DEFAULT_AS_OF = new Date(Date.UTC(YEAR, FIRST_MONTH + MONTHS, 1));

export interface CreditDefaultRow {
  id: string;
  limit: number;
  /** Repayment status at each month's end, April..September (PAY_6 .. PAY_0). */
  status: number[];
  /** Statement amounts, April..September (BILL_AMT6 .. BILL_AMT1). */
  bill: number[];
  /** Amount paid during each month, April..September (PAY_AMT6 .. PAY_AMT1). */
  paid: number[];
  /** Defaulted on the October payment. */
  defaulted: boolean;
}

export const CREDIT_DEFAULT_COLUMNS = [
  'ID',
  'LIMIT_BAL',
  'PAY_0',
  'PAY_2',
  'PAY_3',
  'PAY_4',
  'PAY_5',
  'PAY_6',
  ...[1, 2, 3, 4, 5, 6].map((i) => `BILL_AMT${i}`),
  ...[1, 2, 3, 4, 5, 6].map((i) => `PAY_AMT${i}`),
  'default.payment.next.month',
] as const;

function num(record: Record<string, string>, column: string, line: number): number {
  const v = Number(record[column]);
  if (record[column] === undefined || record[column].trim() === '' || !Number.isFinite(v)) {
    throw new Error(
      `credit-default line ${line}: ${column} is not a number: ${JSON.stringify(record[column])}`,
    );
  }
  return v;
}

/** One CSV record (header names as in the UCI file) to a row; demographic columns are not read. */
export function parseCreditDefaultRecord(record: Record<string, string>, line = 0): CreditDefaultRow {
  // Month index m (April = 0) is column suffix 6 - m; September's status is PAY_0 (there is no PAY_1).
  const suffix = (m: number) => MONTHS - m;
  const statusCol = (m: number) => (m === MONTHS - 1 ? 'PAY_0' : `PAY_${suffix(m)}`);
  const months = [...Array(MONTHS).keys()];
  const id = String(record.ID ?? '').trim();
  // The id becomes account, invoice and payment ids: no spaces (the API's id rule), no CSV quoting.
  if (!/^[^\s,"]+$/.test(id))
    throw new Error(
      `credit-default line ${line}: ID must be a non-empty word, got ${JSON.stringify(record.ID)}`,
    );
  return {
    id,
    limit: num(record, 'LIMIT_BAL', line),
    status: months.map((m) => num(record, statusCol(m), line)),
    bill: months.map((m) => num(record, `BILL_AMT${suffix(m)}`, line)),
    paid: months.map((m) => num(record, `PAY_AMT${suffix(m)}`, line)),
    defaulted: num(record, 'default.payment.next.month', line) === 1,
  };
}

export function parseCreditDefaultCsv(text: string): CreditDefaultRow[] {
  const records: Record<string, string>[] = parse(text, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  if (records.length > 0) {
    const missing = CREDIT_DEFAULT_COLUMNS.filter((c) => !(c in records[0]));
    if (missing.length > 0) throw new Error(`credit-default file lacks columns: ${missing.join(', ')}`);
  }
  return records.map((r, i) => parseCreditDefaultRecord(r, i + 2));
}

export function readCreditDefaultCsv(path: string): CreditDefaultRow[] {
  return parseCreditDefaultCsv(readFileSync(path, 'utf8'));
}

const utc = (month: number, day: number) => new Date(Date.UTC(YEAR, FIRST_MONTH + month, day));

/**
 * The month in which statement `s` was settled (s + 1 means on time), or undefined while it is
 * still open at the last report. Status reports are trusted over each other by recency: a later
 * report showing the statement open overrides an earlier one that did not.
 */
export function settlementMonth(status: readonly number[], s: number): number | undefined {
  let lastOpen = -1;
  for (let m = s + 1; m < MONTHS; m++) {
    if (status[m] >= 1 && s >= m - status[m]) lastOpen = m;
  }
  if (lastOpen === MONTHS - 1) return undefined;
  return lastOpen < 0 ? s + 1 : lastOpen + 1;
}

/**
 * The month whose payment settles statement `s`: its settlement month, or for a late statement the
 * next month with a payment when the client paid nothing then. 'unpaid' when the status clears it but no payment
 * follows (the data has many such months); 'open' while it is still open at the last report.
 */
export function settlingPayment(row: CreditDefaultRow, s: number): number | 'open' | 'unpaid' {
  const month = settlementMonth(row.status, s);
  if (month === undefined) return 'open';
  if (month === s + 1) return month; // on time, even when nothing was due
  for (let m = month; m < MONTHS; m++) if (row.paid[m] > 0) return m;
  return 'unpaid';
}

/** A client's rows for the three import files, in the JSON batch API's item shape. */
export interface CreditDefaultLedger {
  account: AccountInput;
  invoices: InvoiceInput[];
  payments: PaymentInput[];
}

/** Statement `s` of a client; ids are stable so importing the same file again changes nothing. */
export const statementId = (client: string, s: number) => `${client}-${s}`;
/** Payment of month `m` (April = 0, October = 6), toward statement `s` when it is linked to one. */
export const paymentId = (client: string, m: number, s?: number) =>
  s === undefined ? `${client}-p${m}` : `${client}-p${m}-${s}`;

const iso = (d: Date) => d.toISOString();

/**
 * One client as an account with its six statements and its payments. What a statement requires by its
 * due date (`minimumDue`) is what the status shows paid toward it in time, never more than the
 * statement (the API refuses more): a statement still open at the last report owes its full amount.
 * Where the data contradicts itself (a statement reported open or late although nothing was billed,
 * or although what was paid toward it covers it) the mapping follows the money; see docs/ml.md.
 */
export function creditDefaultLedger(row: CreditDefaultRow): CreditDefaultLedger {
  // The last statement is the one being predicted: nothing reports on it yet.
  const reported = MONTHS - 1;
  const settleIn = [...Array(reported).keys()].map((s) => settlingPayment(row, s));
  const paidToward: number[] = Array(MONTHS).fill(0);
  const payments: PaymentInput[] = [];
  for (let m = 0; m < MONTHS; m++) {
    const amount = row.paid[m];
    if (amount <= 0) continue;
    const paidAt = iso(utc(m, 15));
    const settling = settleIn.flatMap((month, s) => (month === m ? [s] : []));
    // With nothing settled this month the payment is a part payment of the statement it follows.
    const targets = settling.length > 0 ? settling : m >= 1 ? [m - 1] : [];
    if (targets.length === 0) {
      // Pays the March statement, which the data does not hold: counted in what was paid, settles nothing.
      payments.push({ id: paymentId(row.id, m), accountId: row.id, amount, paidAt });
      continue;
    }
    for (const s of targets) {
      const part = amount / targets.length;
      payments.push({
        id: paymentId(row.id, m, s),
        accountId: row.id,
        invoiceId: statementId(row.id, s),
        amount: part,
        paidAt,
      });
      paidToward[s] += part;
    }
  }
  const invoices: InvoiceInput[] = row.bill.map((bill, s) => {
    const amount = Math.max(0, bill); // a credit balance owes nothing
    const invoice: InvoiceInput = {
      id: statementId(row.id, s),
      accountId: row.id,
      amount,
      issuedAt: iso(utc(s + 1, 1)),
      dueAt: iso(utc(s + 2, 0)),
    };
    // Settled statements required what was paid toward them (a statement cleared by a status without a
    // payment: what was paid before); open ones and the predicted one owe the whole amount (no minimumDue).
    if (s < reported && settleIn[s] !== 'open') invoice.minimumDue = Math.min(amount, paidToward[s]);
    return invoice;
  });
  // The outcome: a client who did not default pays the September statement in October, on time.
  const september = invoices[reported];
  if (!row.defaulted && september.amount > 0)
    payments.push({
      id: paymentId(row.id, MONTHS, reported),
      accountId: row.id,
      invoiceId: september.id,
      amount: september.amount,
      paidAt: iso(utc(MONTHS, 15)),
    });
  return {
    // The data holds no opening date: every account opens on 1 April 2005.
    account: { id: row.id, openedAt: iso(utc(0, 1)), creditLimit: row.limit },
    invoices,
    payments,
  };
}

export const LEDGER_COLUMNS = {
  accounts: ['id', 'openedAt', 'creditLimit'],
  invoices: ['id', 'accountId', 'amount', 'issuedAt', 'dueAt', 'minimumDue'],
  payments: ['id', 'accountId', 'invoiceId', 'amount', 'paidAt'],
} as const;
export type CreditDefaultFileKind = keyof typeof LEDGER_COLUMNS;

// Ids and dates never hold commas or quotes (checked on parse); numbers print in round-trip form.
function csvLine(columns: readonly string[], item: Record<string, unknown>): string {
  return columns.map((c) => (item[c] === undefined ? '' : String(item[c]))).join(',') + '\n';
}

/** The lines (header first) of one import file, generated lazily: stream them into the import. */
export function* creditDefaultImportCsv(
  kind: CreditDefaultFileKind,
  rows: Iterable<CreditDefaultRow>,
): Generator<string> {
  const columns = LEDGER_COLUMNS[kind];
  yield columns.join(',') + '\n';
  for (const row of rows) {
    const ledger = creditDefaultLedger(row);
    const items: object[] = kind === 'accounts' ? [ledger.account] : ledger[kind];
    for (const item of items) yield csvLine(columns, item as Record<string, unknown>);
  }
}
