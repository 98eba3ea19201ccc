import {
  type AccountHistory,
  FEATURE_COUNT,
  FEATURE_NAMES,
  buildFeatures,
  featureRecord,
  settleInvoices,
} from './features';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Three invoices due: A on time, B 10 days late, C open (a third paid by an unlinked payment),
// and D issued but not yet due: the invoice being predicted.
const history: AccountHistory = {
  accountId: 'acme',
  openedAt: d('2024-01-01'),
  creditLimit: 1000,
  invoices: [
    { id: 'A', amount: 100, issuedAt: d('2024-01-01'), dueAt: d('2024-01-31') },
    { id: 'B', amount: 200, issuedAt: d('2024-02-01'), dueAt: d('2024-03-02') },
    { id: 'C', amount: 300, issuedAt: d('2024-03-01'), dueAt: d('2024-03-21') },
    { id: 'D', amount: 400, issuedAt: d('2024-03-25'), dueAt: d('2024-04-24') },
  ],
  payments: [
    { invoiceId: 'A', amount: 100, paidAt: d('2024-01-20') },
    { invoiceId: 'B', amount: 200, paidAt: d('2024-03-12') },
    { amount: 100, paidAt: d('2024-03-25') },
    { invoiceId: 'C', amount: 200, paidAt: d('2024-04-05') }, // after the as-of date: unseen
  ],
};

describe('feature list', () => {
  it('is fixed, unique and named for its windows', () => {
    expect(FEATURE_COUNT).toBe(32);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_COUNT);
    expect(FEATURE_NAMES.slice(0, 6)).toEqual([
      'on_time_ratio_30d',
      'avg_days_late_30d',
      'max_days_late_30d',
      'missed_invoices_30d',
      'invoices_due_30d',
      'paid_to_billed_30d',
    ]);
    expect(Object.isFrozen(FEATURE_NAMES)).toBe(true);
  });
});

describe('settleInvoices', () => {
  it('applies linked payments to their invoice and unlinked ones oldest-due first', () => {
    const states = settleInvoices(history, d('2024-04-01'));
    expect(
      states.map((s) => [s.invoice.id, s.applied, s.settledAt && new Date(s.settledAt).toISOString()]),
    ).toEqual([
      ['A', 100, '2024-01-20T00:00:00.000Z'],
      ['B', 200, '2024-03-12T00:00:00.000Z'],
      ['C', 100, undefined],
      ['D', 0, undefined],
    ]);
  });

  it('settles on the minimum due and treats nothing due as settled at issue', () => {
    const h: AccountHistory = {
      accountId: 'card',
      openedAt: d('2024-01-01'),
      invoices: [
        { id: 'S1', amount: 500, minimumDue: 50, issuedAt: d('2024-01-01'), dueAt: d('2024-01-25') },
        { id: 'S2', amount: 0, issuedAt: d('2024-02-01'), dueAt: d('2024-02-25') },
      ],
      payments: [{ invoiceId: 'S1', amount: 50, paidAt: d('2024-01-24') }],
    };
    const [s1, s2] = settleInvoices(h, d('2024-03-01'));
    expect(s1.settledAt).toBe(d('2024-01-24').getTime());
    expect(s2.settledAt).toBe(d('2024-02-01').getTime());
  });
});

describe('buildFeatures', () => {
  it('computes the known answer for a small account', () => {
    const f = featureRecord(buildFeatures(history, d('2024-04-01')));
    expect(f).toEqual({
      on_time_ratio_30d: 0,
      avg_days_late_30d: 11,
      max_days_late_30d: 11,
      missed_invoices_30d: 1,
      invoices_due_30d: 1,
      paid_to_billed_30d: 300 / 400,
      on_time_ratio_60d: 0,
      avg_days_late_60d: 10.5,
      max_days_late_60d: 11,
      missed_invoices_60d: 1,
      invoices_due_60d: 2,
      paid_to_billed_60d: 300 / 700,
      on_time_ratio_90d: 1 / 3,
      avg_days_late_90d: 7,
      max_days_late_90d: 11,
      missed_invoices_90d: 1,
      invoices_due_90d: 3,
      paid_to_billed_90d: 400 / 900,
      paid_to_billed_trend: 300 / 400 - 400 / 900,
      current_late_streak: 2,
      days_overdue_now: 11,
      open_overdue_invoices: 1,
      outstanding_balance: 600,
      billed_90d: 900,
      paid_90d: 400,
      next_invoice_amount: 400,
      next_invoice_to_avg_90d: 400 / 250,
      days_since_last_payment: 7,
      credit_limit: 1000,
      outstanding_to_limit: 0.6,
      next_invoice_to_limit: 0.4,
      tenure_days: 91,
    });
  });

  it('sees only what happened by the as-of date', () => {
    const f = featureRecord(buildFeatures(history, d('2024-03-10')));
    // B is open 8 days late; C and D are not issued yet; the March 12 payment is in the future.
    expect(f.days_overdue_now).toBe(8);
    expect(f.missed_invoices_90d).toBe(1);
    expect(f.next_invoice_amount).toBe(300);
    expect(f.days_since_last_payment).toBe(50);
    expect(featureRecord(buildFeatures(history, d('2024-05-01'))).days_since_last_payment).toBe(26);
    // The last payment 101 days back is outside every window.
    expect(featureRecord(buildFeatures(history, d('2024-07-15'))).days_since_last_payment).toBeNaN();
    const later = featureRecord(buildFeatures(history, d('2024-04-06')));
    expect(later.open_overdue_invoices).toBe(0);
    expect(later.days_overdue_now).toBe(0);
  });

  it('gives NaN where a value does not exist', () => {
    const empty: AccountHistory = { accountId: 'new', openedAt: d('2024-03-30'), invoices: [], payments: [] };
    const f = featureRecord(buildFeatures(empty, d('2024-04-01')));
    expect(f.on_time_ratio_90d).toBeNaN();
    expect(f.avg_days_late_30d).toBeNaN();
    expect(f.paid_to_billed_90d).toBeNaN();
    expect(f.next_invoice_amount).toBeNaN();
    expect(f.days_since_last_payment).toBeNaN();
    expect(f.credit_limit).toBeNaN();
    expect(f.invoices_due_90d).toBe(0);
    expect(f.current_late_streak).toBe(0);
    expect(f.tenure_days).toBe(2);
  });

  it('refuses a vector of the wrong length', () => {
    expect(() => featureRecord([1, 2, 3])).toThrow(/expected 32/);
  });
});
