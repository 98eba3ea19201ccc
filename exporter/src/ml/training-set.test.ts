import { parseCreditDefaultCsv } from './credit-default';
import { type AccountHistory, FEATURE_COUNT, FEATURE_NAMES, buildFeatures } from './features';
import { creditDefaultExamples, invoiceOutcomeExamples, trainingSetCsv } from './training-set';

const CSV = [
  'ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,' +
    'BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,' +
    'PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default.payment.next.month',
  '1,20000,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1',
  '2,120000,2,2,2,26,-1,2,0,0,0,2,2682,1725,2682,3272,3455,3261,0,1000,1000,1000,0,2000,0',
  // No consumption and no payments: ratios over nothing are missing values.
  '3,10000,1,1,1,50,-2,-2,-2,-2,-2,-2,0,0,0,0,0,0,0,0,0,0,0,0,0',
].join('\n');

describe('training set', () => {
  const examples = creditDefaultExamples(parseCreditDefaultCsv(CSV));

  it('labels on-time as the opposite of default', () => {
    expect(examples.map((e) => [e.accountId, e.onTime])).toEqual([
      ['1', 0],
      ['2', 1],
      ['3', 1],
    ]);
  });

  it('writes a header of the feature names and empty cells for missing values', () => {
    const lines = trainingSetCsv(examples).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(['account_id', ...FEATURE_NAMES, 'on_time'].join(','));
    const cells = lines[3].split(',');
    expect(cells).toHaveLength(FEATURE_COUNT + 2);
    const featureCells = cells.slice(1, -1);
    examples[2].features.forEach((v, i) => {
      expect(featureCells[i]).toBe(Number.isNaN(v) ? '' : String(v));
    });
    expect(featureCells[FEATURE_NAMES.indexOf('paid_to_billed_90d')]).toBe('');
    expect(featureCells[FEATURE_NAMES.indexOf('credit_limit')]).toBe('10000');
  });

  it('refuses ids that would break the CSV', () => {
    expect(() => trainingSetCsv([{ ...examples[0], accountId: 'a,b' }])).toThrow(/CSV-safe/);
  });
});

describe('training rows from stored invoices and payments', () => {
  const d = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);
  const history: AccountHistory = {
    accountId: 'acc',
    openedAt: d(-100),
    invoices: [
      { id: 'i1', amount: 100, issuedAt: d(0), dueAt: d(30) },
      { id: 'i2', amount: 100, issuedAt: d(30), dueAt: d(60) },
      { id: 'i3', amount: 100, issuedAt: d(60), dueAt: d(90) },
      { id: 'i4', amount: 100, issuedAt: d(90), dueAt: d(120) },
    ],
    payments: [
      { invoiceId: 'i1', amount: 100, paidAt: d(29) },
      // i2 paid 5 days late; i3 never; i4 not due yet at export time.
      { invoiceId: 'i2', amount: 100, paidAt: d(65) },
    ],
  };

  it('labels each invoice due by now: paid by its due date or not', () => {
    const rows = invoiceOutcomeExamples(history, d(100));
    expect(rows.map((r) => r.onTime)).toEqual([1, 0, 0]);
  });

  it('takes features as of the issue date, so no later payment leaks in', () => {
    const rows = invoiceOutcomeExamples(history, d(100));
    expect(rows[1].features).toEqual(buildFeatures(history, d(30)));
    expect(rows[2].features).toEqual(
      buildFeatures({ ...history, payments: history.payments.slice(0, 1) }, d(60)),
    );
  });
});
