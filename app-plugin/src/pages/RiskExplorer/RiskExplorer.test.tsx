import React from 'react';
import { render, screen, within } from '@testing-library/react';
import type { AccountInvoiceList, ScorePoint } from '@kpilens/contract';
import { InvoiceTable } from './InvoiceTable';
import { ScoreHistoryChart } from './ScoreHistoryChart';

const score = (day: string, probability: number | null): ScorePoint => ({
  modelVersion: 'credit-default/v1',
  scoredAt: `${day}T10:00:00.000Z`,
  probability,
  level: 'GOOD',
  badge: '🟢',
  color: 'green',
  confidence: 0.8,
  expectedPaymentDate: null,
});

const invoice = (
  id: string,
  status: AccountInvoiceList['invoices'][0]['status'],
  settledAt: string | null,
) => ({
  id,
  amount: 1200.5,
  issuedAt: '2026-10-01T00:00:00.000Z',
  dueAt: '2026-10-31T00:00:00.000Z',
  minimumDue: null,
  paid: settledAt ? 1200.5 : 0,
  settledAt,
  status,
});

describe('ScoreHistoryChart', () => {
  it('draws the scores with a summary for screen readers and a tooltip per point', () => {
    const { container } = render(
      <ScoreHistoryChart
        scores={[score('2026-09-01', 0.9), score('2026-09-08', null), score('2026-11-01', 0.55)]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: '2 scores from 2026-09-01 to 2026-11-01: on-time probability 90% then 55%',
      }),
    ).toBeInTheDocument();
    expect(Array.from(container.querySelectorAll('circle title')).map((t) => t.textContent)).toEqual([
      '2026-09-01 10:00: 90%',
      '2026-11-01 10:00: 55%',
    ]);
  });

  it('says why there is nothing to draw', () => {
    render(<ScoreHistoryChart scores={[score('2026-09-01', null)]} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/needs more invoice history/)).toBeInTheDocument();
  });
});

describe('InvoiceTable', () => {
  it('lists invoices with amounts, settlement and status, and says when some are left out', () => {
    render(
      <InvoiceTable
        list={{
          accountId: 'a',
          asOf: '2026-11-20T00:00:00.000Z',
          total: 5,
          invoices: [
            invoice('inv-3', 'overdue', null),
            invoice('inv-2', 'paid_late', '2026-11-10T00:00:00.000Z'),
            invoice('inv-1', 'paid', '2026-10-30T00:00:00.000Z'),
          ],
        }}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Invoices' })).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent(/inv-3.*2026-10-01.*2026-10-31.*1,200\.5.*0.*–.*Overdue/);
    expect(rows[2]).toHaveTextContent('Paid late');
    expect(rows[3]).toHaveTextContent(/2026-10-30.*Paid on time/);
    expect(screen.getByText('The 3 most recent of 5 invoices.')).toBeInTheDocument();
  });

  it('says when the account has no invoice', () => {
    render(
      <InvoiceTable list={{ accountId: 'a', asOf: '2026-11-20T00:00:00.000Z', total: 0, invoices: [] }} />,
    );
    expect(screen.getByText('No invoice issued to this account yet.')).toBeInTheDocument();
  });
});
