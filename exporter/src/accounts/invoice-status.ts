// An account's invoices as its owner sees them: what was paid, when the part due was covered, and
// whether that was on time. Settlement follows the model's own rule (settleInvoices), so the page and
// the realized outcomes of the scores never disagree.
import type { InvoiceStatus } from '@kpilens/contract';
import { type AccountHistory, settleInvoices } from '../ml/features';

export interface InvoiceView {
  id: string;
  amount: number;
  issuedAt: number;
  dueAt: number;
  minimumDue: number | null;
  paid: number;
  settledAt: number | null;
  status: InvoiceStatus;
}

/** Invoices issued by `asOf`, most recently issued first. */
export function invoiceViews(history: AccountHistory, asOf: Date): InvoiceView[] {
  const now = asOf.getTime();
  return settleInvoices(history, asOf)
    .map(({ invoice, applied, settledAt }) => {
      const due = invoice.dueAt.getTime();
      const status: InvoiceStatus =
        settledAt !== undefined ? (settledAt <= due ? 'paid' : 'paid_late') : due < now ? 'overdue' : 'open';
      return {
        id: invoice.id,
        amount: invoice.amount,
        issuedAt: invoice.issuedAt.getTime(),
        dueAt: due,
        minimumDue: invoice.minimumDue ?? null,
        paid: applied,
        settledAt: settledAt ?? null,
        status,
      };
    })
    .sort((a, b) => b.issuedAt - a.issuedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
