import {
  CREDIT_DEFAULT_AS_OF,
  creditDefaultHistory,
  parseCreditDefaultCsv,
  settlementMonth,
  settlingPayment,
} from './credit-default';
import { buildFeatures, featureRecord } from './features';

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

describe('creditDefaultHistory', () => {
  const [a, b] = parseCreditDefaultCsv(CSV);

  it('makes monthly invoices and dated payments', () => {
    const h = creditDefaultHistory(a);
    expect(h.invoices).toHaveLength(6);
    expect(h.invoices[5]).toEqual({
      id: '7-5',
      amount: 6000,
      issuedAt: CREDIT_DEFAULT_AS_OF,
      dueAt: new Date('2005-10-31T00:00:00Z'),
    });
    expect(h.invoices[2].dueAt).toEqual(new Date('2005-07-31T00:00:00Z'));
    // September's payment settles the June, July and August statements together.
    const september = h.payments.filter((p) => p.paidAt.getTime() === Date.UTC(2005, 8, 15));
    expect(september.map((p) => [p.invoiceId, p.amount])).toEqual([
      ['7-2', 300],
      ['7-3', 300],
      ['7-4', 300],
    ]);
    expect(h.creditLimit).toBe(50000);
  });

  it('yields features that reflect the status at the as-of date', () => {
    const fa = featureRecord(buildFeatures(creditDefaultHistory(a), CREDIT_DEFAULT_AS_OF));
    expect(fa.days_overdue_now).toBe(0);
    expect(fa.max_days_late_90d).toBe(46); // the June statement, due July 31, paid September 15
    expect(fa.next_invoice_amount).toBe(6000);
    expect(fa.next_invoice_to_limit).toBeCloseTo(0.12);

    const fb = featureRecord(buildFeatures(creditDefaultHistory(b), CREDIT_DEFAULT_AS_OF));
    expect(fb.days_overdue_now).toBe(31); // July statement due August 31
    expect(fb.open_overdue_invoices).toBe(2);
    expect(fb.current_late_streak).toBe(2);
    expect(fb.on_time_ratio_90d).toBeCloseTo(1 / 3);
  });
});
