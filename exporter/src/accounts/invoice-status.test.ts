import type { AccountHistory } from '../ml/features';
import { invoiceViews } from './invoice-status';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const d = (days: number) => new Date(T0 + days * DAY);

const history: AccountHistory = {
  accountId: 'a',
  openedAt: d(-100),
  invoices: [
    { id: 'on-time', amount: 100, issuedAt: d(0), dueAt: d(30) },
    { id: 'late', amount: 200, issuedAt: d(31), dueAt: d(61) },
    { id: 'overdue', amount: 50, issuedAt: d(62), dueAt: d(70) },
    { id: 'open', amount: 80, issuedAt: d(75), dueAt: d(105), minimumDue: 20 },
    { id: 'future', amount: 10, issuedAt: d(200), dueAt: d(230) },
  ],
  payments: [
    { invoiceId: 'on-time', amount: 100, paidAt: d(29) },
    { invoiceId: 'late', amount: 150, paidAt: d(60) },
    { invoiceId: 'late', amount: 50, paidAt: d(65) },
    { invoiceId: 'open', amount: 10, paidAt: d(80) },
  ],
};

describe('invoiceViews', () => {
  it('tells paid, paid late, overdue and open invoices apart, newest first', () => {
    const views = invoiceViews(history, d(90));
    expect(views.map((v) => [v.id, v.status, v.paid])).toEqual([
      ['open', 'open', 10],
      ['overdue', 'overdue', 0],
      ['late', 'paid_late', 200],
      ['on-time', 'paid', 100],
    ]);
    expect(views.find((v) => v.id === 'late')!.settledAt).toBe(T0 + 65 * DAY);
    expect(views.find((v) => v.id === 'open')).toMatchObject({ minimumDue: 20, settledAt: null });
  });

  it('counts a minimum due covered on time as paid', () => {
    const views = invoiceViews(
      { ...history, payments: [...history.payments, { invoiceId: 'open', amount: 10, paidAt: d(100) }] },
      d(110),
    );
    expect(views.find((v) => v.id === 'open')).toMatchObject({ status: 'paid', paid: 20 });
  });
});
