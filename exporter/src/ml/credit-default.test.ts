import { parse } from 'csv-parse/sync';
import { normalizeInvoices, normalizePayments } from '../accounts/normalize';
import { rowToLedgerItem } from '../csv/csv-rows';
import { ledgerProblems } from '../csv/row-validators';
import {
  CREDIT_DEFAULT_AS_OF,
  type CreditDefaultLedger,
  LEDGER_COLUMNS,
  creditDefaultImportCsv,
  creditDefaultLedger,
  parseCreditDefaultCsv,
  settlementMonth,
  settlingPayment,
} from './credit-default';
import { type AccountHistory, buildFeatures, featureRecord } from './features';

const HEADER =
  'ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,' +
  'BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,' +
  'PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default.payment.next.month';
// Client 7 pays duly until July, then falls two statements behind in August (status 2) and catches
// up in September. Client 8 is two months behind at the September report.
const CSV = [
  HEADER,
  '7,50000,2,2,1,30,0,2,1,0,0,-1,6000,5000,4000,3000,2000,1000,900,0,300,200,100,50,0',
  '8,20000,1,1,2,45,2,0,0,0,0,0,1600,1500,1400,1300,1200,1100,0,100,100,100,100,100,1',
].join('\n');

describe('parseCreditDefaultCsv', () => {
  const [a, b] = parseCreditDefaultCsv(CSV);

  it('orders months oldest first and reads no demographics', () => {
    expect(a).toEqual({
      id: '7',
      limit: 50000,
      status: [-1, 0, 0, 1, 2, 0],
      bill: [1000, 2000, 3000, 4000, 5000, 6000],
      paid: [50, 100, 200, 300, 0, 900],
      defaulted: false,
    });
    expect(b.defaulted).toBe(true);
    expect(Object.keys(a)).not.toContain('age');
  });

  it('refuses a file without the expected columns or with non-numbers', () => {
    expect(() => parseCreditDefaultCsv('ID,LIMIT_BAL\n1,2')).toThrow(/lacks columns: PAY_0/);
    expect(() => parseCreditDefaultCsv(CSV.replace('50000', 'lots'))).toThrow(/line 2: LIMIT_BAL/);
    expect(() => parseCreditDefaultCsv(CSV.replace('\n8,', '\n8 b,'))).toThrow(/line 3: ID must be/);
  });
});

describe('settlement of statements from repayment status', () => {
  const [a, b] = parseCreditDefaultCsv(CSV);

  it('keeps the last n statements open when n months behind, trusting the latest report', () => {
    // Client 7: June and July statements are open at the August report (status 2), cleared in September.
    expect([0, 1, 2, 3, 4].map((s) => settlementMonth(a.status, s))).toEqual([1, 2, 5, 5, 5]);
    // Client 8: July and August statements open at the September report.
    expect([0, 1, 2, 3, 4].map((s) => settlementMonth(b.status, s))).toEqual([1, 2, 3, undefined, undefined]);
  });

  it('waits for a payment to settle a late statement', () => {
    const zeroInSeptember = { ...a, paid: [50, 100, 200, 300, 0, 0] };
    expect(settlingPayment(zeroInSeptember, 2)).toBe('unpaid');
    expect(settlingPayment(zeroInSeptember, 4)).toBe(5); // on time: nothing needed
    expect(settlingPayment(b, 3)).toBe('open');
  });
});

// The stored history of a client, as the database gives it back after the import (store.ts loadHistories).
function history(l: CreditDefaultLedger): AccountHistory {
  return {
    accountId: l.account.id,
    openedAt: new Date(l.account.openedAt),
    creditLimit: l.account.creditLimit,
    invoices: l.invoices.map((v) => ({
      id: v.id,
      amount: v.amount,
      issuedAt: new Date(v.issuedAt),
      dueAt: new Date(v.dueAt),
      ...(v.minimumDue === undefined ? {} : { minimumDue: v.minimumDue }),
    })),
    payments: l.payments.map((p) => ({
      ...(p.invoiceId === undefined ? {} : { invoiceId: p.invoiceId }),
      amount: p.amount,
      paidAt: new Date(p.paidAt),
    })),
  };
}

// Every item through the API's own checks (schema and batch rules), as the CSV import applies them.
function apiProblems(l: CreditDefaultLedger): string[] {
  return [
    ...ledgerProblems('accounts', l.account),
    ...l.invoices.flatMap((v) => ledgerProblems('invoices', v)),
    ...l.payments.flatMap((p) => ledgerProblems('payments', p)),
    ...normalizeInvoices(l.invoices).errors.map((e) => `${e.path}: ${e.message}`),
    ...normalizePayments(l.payments).errors.map((e) => `${e.path}: ${e.message}`),
  ];
}

describe('creditDefaultLedger', () => {
  const [a, b] = parseCreditDefaultCsv(CSV);

  it('makes an account, monthly invoices and dated payments with stable ids', () => {
    const l = creditDefaultLedger(a);
    expect(l.account).toEqual({ id: '7', openedAt: '2005-04-01T00:00:00.000Z', creditLimit: 50000 });
    expect(l.invoices).toHaveLength(6);
    // The predicted statement owes its whole amount: no minimumDue.
    expect(l.invoices[5]).toEqual({
      id: '7-5',
      accountId: '7',
      amount: 6000,
      issuedAt: CREDIT_DEFAULT_AS_OF.toISOString(),
      dueAt: '2005-10-31T00:00:00.000Z',
    });
    expect(l.invoices[2].dueAt).toBe('2005-07-31T00:00:00.000Z');
    // September's payment settles the June, July and August statements together.
    const september = l.payments.filter((p) => p.paidAt === '2005-09-15T00:00:00.000Z');
    expect(september.map((p) => [p.id, p.invoiceId, p.amount])).toEqual([
      ['7-p5-2', '7-2', 300],
      ['7-p5-3', '7-3', 300],
      ['7-p5-4', '7-4', 300],
    ]);
    // April's payment pays the March statement, which the data does not hold: linked to nothing.
    expect(l.payments[0]).toEqual({
      id: '7-p0',
      accountId: '7',
      amount: 50,
      paidAt: '2005-04-15T00:00:00.000Z',
    });
    expect(new Set(l.payments.map((p) => p.id)).size).toBe(l.payments.length);
    expect(creditDefaultLedger(a)).toEqual(l);
  });

  it('records the October default: the September statement paid on 15 October, or not at all', () => {
    expect(creditDefaultLedger(a).payments.at(-1)).toEqual({
      id: '7-p6-5',
      accountId: '7',
      invoiceId: '7-5',
      amount: 6000,
      paidAt: '2005-10-15T00:00:00.000Z',
    });
    expect(creditDefaultLedger(b).payments.filter((p) => p.paidAt.startsWith('2005-10'))).toEqual([]);
  });

  it('sets minimumDue to what was paid toward a settled statement, never above the statement', () => {
    const l = creditDefaultLedger(a);
    // April (1000) paid on time with May's 100, May with June's 200; the late June statement got July's 300
    // as a part payment, then a third of September's 900 with the July and August statements.
    expect(l.invoices.map((v) => v.minimumDue)).toEqual([100, 200, 600, 300, 300, undefined]);
    const open = creditDefaultLedger(b);
    // Client 8's July and August statements are open at the September report: the whole amount is due.
    expect(open.invoices.slice(3).map((v) => v.minimumDue)).toEqual([undefined, undefined, undefined]);
  });

  it('passes the API checks where the data contradicts itself (open although nothing billed or all paid)', () => {
    const rows = parseCreditDefaultCsv(
      [
        HEADER,
        // Two months behind in September on statements of 0 and a credit, with payments bigger than the bills.
        '9,10000,1,1,1,40,2,2,0,0,0,0,-200,0,500,400,300,200,0,900,800,700,600,500,1',
        // Paid far more than billed every month; no consumption in September and no default.
        '10,10000,1,1,1,40,-2,-1,-1,-1,-1,-1,0,20,30,40,50,60,0,5000,5000,5000,5000,5000,0',
      ].join('\n'),
    );
    for (const row of [a, b, ...rows]) {
      const l = creditDefaultLedger(row);
      expect(apiProblems(l)).toEqual([]);
      for (const v of l.invoices) expect(v.minimumDue ?? 0).toBeLessThanOrEqual(v.amount);
    }
    // Paying 5000 toward a statement of 60 makes it require 60; August's 20 was not paid in September (status -1).
    expect(creditDefaultLedger(rows[1]).invoices.map((v) => v.minimumDue)).toEqual([
      60,
      50,
      40,
      30,
      0,
      undefined,
    ]);
    // Nothing to pay in September: a client who did not default has no October payment to make.
    expect(creditDefaultLedger(rows[1]).payments.some((p) => p.paidAt.startsWith('2005-10'))).toBe(false);
  });

  it('yields features that reflect the status at the as-of date', () => {
    const fa = featureRecord(buildFeatures(history(creditDefaultLedger(a)), CREDIT_DEFAULT_AS_OF));
    expect(fa.days_overdue_now).toBe(0);
    expect(fa.max_days_late_90d).toBe(46); // the June statement, due July 31, paid September 15
    expect(fa.next_invoice_amount).toBe(6000);
    expect(fa.next_invoice_to_limit).toBeCloseTo(0.12);

    const fb = featureRecord(buildFeatures(history(creditDefaultLedger(b)), CREDIT_DEFAULT_AS_OF));
    expect(fb.days_overdue_now).toBe(31); // July statement due August 31
    expect(fb.open_overdue_invoices).toBe(2);
    expect(fb.current_late_streak).toBe(2);
    expect(fb.on_time_ratio_90d).toBeCloseTo(1 / 3);
  });
});

describe('creditDefaultImportCsv', () => {
  const rows = parseCreditDefaultCsv(CSV);

  it('writes the three import files, whose rows read back as the ledger items', () => {
    for (const kind of ['accounts', 'invoices', 'payments'] as const) {
      const text = [...creditDefaultImportCsv(kind, rows)].join('');
      const [header, ...lines] = parse(text) as string[][];
      expect(header).toEqual([...LEDGER_COLUMNS[kind]]);
      const items = rows.flatMap((r): object[] => {
        const l = creditDefaultLedger(r);
        return kind === 'accounts' ? [l.account] : l[kind];
      });
      expect(lines.map((cells) => rowToLedgerItem(kind, header, cells))).toEqual(items);
    }
  });
});
