import { normalizeAccounts, normalizeInvoices, normalizePayments, unknownAccounts } from './normalize';

describe('payment-risk input normalization', () => {
  it('turns dates into epoch ms and optional fields into null', () => {
    const r = normalizeAccounts([{ id: 'a1', openedAt: '2026-01-01T00:00:00Z' }]);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { id: 'a1', name: null, openedAt: Date.parse('2026-01-01T00:00:00Z'), creditLimit: null },
    ]);
  });

  it('reports a due date before the issue date and a minimum above the amount, with index and path', () => {
    const r = normalizeInvoices([
      {
        id: 'i1',
        accountId: 'a',
        amount: 10,
        issuedAt: '2026-01-01T00:00:00Z',
        dueAt: '2026-01-31T00:00:00Z',
      },
      {
        id: 'i2',
        accountId: 'a',
        amount: 10,
        issuedAt: '2026-02-01T00:00:00Z',
        dueAt: '2026-01-31T00:00:00Z',
        minimumDue: 11,
      },
    ]);
    expect(r.errors).toEqual([
      { index: 1, path: '/invoices/1/dueAt', message: 'must not be before issuedAt' },
      { index: 1, path: '/invoices/1/minimumDue', message: 'must not exceed amount' },
    ]);
  });

  it('reports an id repeated within a batch', () => {
    const p = { accountId: 'a', amount: 5, paidAt: '2026-01-01T00:00:00Z' };
    const r = normalizePayments([
      { id: 'p', ...p },
      { id: 'q', ...p },
      { id: 'p', ...p },
    ]);
    expect(r.errors).toEqual([{ index: 2, path: '/payments/2/id', message: 'repeats the id of item 0' }]);
  });

  it('names the items whose account is unknown', () => {
    expect(unknownAccounts([{ accountId: 'a' }, { accountId: 'b' }], new Set(['a']), '/invoices')).toEqual([
      { index: 1, path: '/invoices/1/accountId', message: 'no account "b"' },
    ]);
  });
});
