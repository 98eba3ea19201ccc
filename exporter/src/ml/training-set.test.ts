import { type AccountHistory, FEATURE_COUNT, FEATURE_NAMES, buildFeatures } from './features';
import { invoiceOutcomeExamples, trainingExample, trainingSetCsv } from './training-set';

// Account 3 has no invoices and no payments: ratios over nothing are missing values.
const HISTORIES: AccountHistory[] = [
  {
    accountId: '1',
    openedAt: new Date('2026-01-01T00:00:00Z'),
    creditLimit: 1000,
    invoices: [{ id: 'i', amount: 100, issuedAt: new Date('2026-01-01'), dueAt: new Date('2026-01-31') }],
    payments: [],
  },
  {
    accountId: '3',
    openedAt: new Date('2026-01-01T00:00:00Z'),
    creditLimit: 10000,
    invoices: [],
    payments: [],
  },
];

describe('training set', () => {
  const asOf = new Date('2026-02-15T00:00:00Z');
  const examples = HISTORIES.map((h, i) => trainingExample(h, asOf, i === 1));

  it('writes a header of the feature names and empty cells for missing values', () => {
    const lines = trainingSetCsv(examples).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(['account_id', ...FEATURE_NAMES, 'on_time'].join(','));
    const cells = lines[2].split(',');
    expect(cells).toHaveLength(FEATURE_COUNT + 2);
    const featureCells = cells.slice(1, -1);
    expect(cells.at(-1)).toBe('1');
    examples[1].features.forEach((v, i) => {
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

  it('keeps invoices due after a date, and none that asked for nothing', () => {
    expect(invoiceOutcomeExamples(history, d(100), d(60)).map((r) => r.onTime)).toEqual([0]);
    const credit = { id: 'c', amount: 0, issuedAt: d(10), dueAt: d(40) };
    const settled = { id: 'm', amount: 50, minimumDue: 0, issuedAt: d(10), dueAt: d(40) };
    const more = { ...history, invoices: [...history.invoices, credit, settled] };
    expect(invoiceOutcomeExamples(more, d(100))).toHaveLength(3);
  });

  it('takes features as of the issue date, so no later payment leaks in', () => {
    const rows = invoiceOutcomeExamples(history, d(100));
    expect(rows[1].features).toEqual(buildFeatures(history, d(30)));
    expect(rows[2].features).toEqual(
      buildFeatures({ ...history, payments: history.payments.slice(0, 1) }, d(60)),
    );
  });
});
