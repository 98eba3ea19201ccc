// The one feature builder of the payment-risk model: the training export, serving and model
// validation all take the feature list (names and order) and the values from here, so a model can
// never be trained on one definition and served with another.

export interface Invoice {
  id: string;
  amount: number;
  issuedAt: Date;
  dueAt: Date;
  /**
   * Part of `amount` that must be paid by `dueAt` for the invoice to count as paid on time
   * (card statements, instalment plans). Defaults to the full amount.
   */
  minimumDue?: number;
}

export interface Payment {
  /** Invoice the payment settles; without it the payment goes to the oldest invoice still owing. */
  invoiceId?: string;
  amount: number;
  paidAt: Date;
}

export interface AccountHistory {
  accountId: string;
  openedAt: Date;
  creditLimit?: number;
  invoices: Invoice[];
  payments: Payment[];
}

export const WINDOW_DAYS = [30, 60, 90] as const;

const WINDOWED = [
  'on_time_ratio',
  'avg_days_late',
  'max_days_late',
  'missed_invoices',
  'invoices_due',
  'paid_to_billed',
] as const;

/** Feature names in model input order. Changing it means retraining: models carry their own copy. */
export const FEATURE_NAMES: readonly string[] = Object.freeze([
  ...WINDOW_DAYS.flatMap((w) => WINDOWED.map((f) => `${f}_${w}d`)),
  'paid_to_billed_trend',
  'current_late_streak',
  'days_overdue_now',
  'open_overdue_invoices',
  'outstanding_balance',
  'billed_90d',
  'paid_90d',
  'next_invoice_amount',
  'next_invoice_to_avg_90d',
  'days_since_last_payment',
  'credit_limit',
  'outstanding_to_limit',
  'next_invoice_to_limit',
  'tenure_days',
]);

export const FEATURE_COUNT = FEATURE_NAMES.length;

const DAY_MS = 86_400_000;
// Payments within a cent of what is due settle it: amounts come from floating-point sums.
export const CENT = 0.01;

/** One invoice as it stands at the as-of date. */
export interface InvoiceState {
  invoice: Invoice;
  applied: number;
  /** When the payments reached the amount due; undefined while it is still open. */
  settledAt?: number;
}

function byTime(a: number, b: number): number {
  return a - b;
}

/**
 * Replays the payments made up to `asOf` onto the invoices issued up to `asOf`. Linked payments go
 * to their invoice; unlinked ones (or ones naming an unknown invoice) pay the oldest-due invoices
 * first, as receivables are usually allocated. Overpayment beyond all invoices is unallocated credit.
 */
export function settleInvoices(history: AccountHistory, asOf: Date): InvoiceState[] {
  const cutoff = asOf.getTime();
  const states: InvoiceState[] = history.invoices
    .filter((inv) => inv.issuedAt.getTime() <= cutoff)
    .sort(
      (a, b) =>
        byTime(a.dueAt.getTime(), b.dueAt.getTime()) ||
        byTime(a.issuedAt.getTime(), b.issuedAt.getTime()) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((invoice) => ({ invoice, applied: 0 }));
  const byId = new Map(states.map((s) => [s.invoice.id, s]));
  const required = (s: InvoiceState) => s.invoice.minimumDue ?? s.invoice.amount;

  for (const s of states) {
    if (required(s) <= CENT) s.settledAt = s.invoice.issuedAt.getTime();
  }
  const apply = (s: InvoiceState, amount: number, at: number) => {
    s.applied += amount;
    if (s.settledAt === undefined && s.applied >= required(s) - CENT) s.settledAt = at;
  };

  const payments = history.payments
    .filter((p) => p.paidAt.getTime() <= cutoff && p.amount > 0)
    .sort((a, b) => byTime(a.paidAt.getTime(), b.paidAt.getTime()));
  for (const p of payments) {
    const at = p.paidAt.getTime();
    const linked = p.invoiceId === undefined ? undefined : byId.get(p.invoiceId);
    if (linked) {
      apply(linked, p.amount, at);
      continue;
    }
    let left = p.amount;
    for (const s of states) {
      if (left <= 0) break;
      const owing = s.invoice.amount - s.applied;
      if (owing <= CENT || s.invoice.issuedAt.getTime() > at) continue;
      const part = Math.min(left, owing);
      apply(s, part, at);
      left -= part;
    }
  }
  return states;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

/** Days an invoice due by `cutoff` was (or still is) late; 0 when paid on time. */
function daysLate(s: InvoiceState, cutoff: number): number {
  const end = s.settledAt ?? cutoff;
  return Math.max(0, (end - s.invoice.dueAt.getTime()) / DAY_MS);
}

function isLate(s: InvoiceState, cutoff: number): boolean {
  return (s.settledAt ?? cutoff) > s.invoice.dueAt.getTime();
}

/**
 * The feature vector of one account as of a date, in FEATURE_NAMES order; NaN where a value does
 * not exist (no invoice due in a window, no credit limit, ...). Only invoices and payments dated up
 * to `asOf` are seen, so the same history gives training rows at past dates without leakage.
 */
export function buildFeatures(history: AccountHistory, asOf: Date): number[] {
  const cutoff = asOf.getTime();
  const states = settleInvoices(history, asOf);
  const payments = history.payments.filter((p) => p.paidAt.getTime() <= cutoff && p.amount > 0);
  const out: number[] = [];

  const windowed: Record<string, number> = {};
  for (const w of WINDOW_DAYS) {
    const from = cutoff - w * DAY_MS;
    const due = states.filter((s) => {
      const t = s.invoice.dueAt.getTime();
      return t > from && t <= cutoff;
    });
    const lates = due.map((s) => daysLate(s, cutoff));
    const billed = states
      .filter((s) => s.invoice.issuedAt.getTime() > from)
      .reduce((a, s) => a + Math.max(0, s.invoice.amount), 0);
    const paid = payments.filter((p) => p.paidAt.getTime() > from).reduce((a, p) => a + p.amount, 0);
    const values: Record<(typeof WINDOWED)[number], number> = {
      on_time_ratio: due.length === 0 ? NaN : due.filter((s) => !isLate(s, cutoff)).length / due.length,
      avg_days_late: mean(lates),
      max_days_late: lates.length === 0 ? NaN : Math.max(...lates),
      missed_invoices: due.filter((s) => s.settledAt === undefined).length,
      invoices_due: due.length,
      paid_to_billed: ratio(paid, billed),
    };
    for (const f of WINDOWED) {
      windowed[`${f}_${w}d`] = values[f];
      out.push(values[f]);
    }
    windowed[`billed_${w}d`] = billed;
    windowed[`paid_${w}d`] = paid;
  }

  const from90 = cutoff - 90 * DAY_MS;
  const dueRecentFirst = states
    .filter((s) => s.invoice.dueAt.getTime() <= cutoff && s.invoice.dueAt.getTime() > from90)
    .sort((a, b) => b.invoice.dueAt.getTime() - a.invoice.dueAt.getTime());
  let streak = 0;
  for (const s of dueRecentFirst) {
    if (!isLate(s, cutoff)) break;
    streak++;
  }
  const openOverdue = states.filter((s) => s.settledAt === undefined && s.invoice.dueAt.getTime() < cutoff);
  const oldestDue = Math.min(...openOverdue.map((s) => s.invoice.dueAt.getTime()));
  // Settled invoices owe nothing more (a card statement whose minimum is met rolls into the next).
  const outstanding = states
    .filter((s) => s.settledAt === undefined)
    .reduce((a, s) => a + Math.max(0, s.invoice.amount - s.applied), 0);

  // The invoice being predicted: the most recently issued one not yet due.
  const upcoming = states
    .filter((s) => s.invoice.dueAt.getTime() > cutoff)
    .sort((a, b) => b.invoice.issuedAt.getTime() - a.invoice.issuedAt.getTime())[0];
  const next = upcoming ? upcoming.invoice.amount : NaN;
  const earlier = states
    .filter((s) => s !== upcoming && s.invoice.issuedAt.getTime() > from90)
    .map((s) => s.invoice.amount);
  // Within the longest window like every history feature: older payments only say "over 90 days".
  const recentPayments = payments.filter((p) => p.paidAt.getTime() > from90).map((p) => p.paidAt.getTime());
  const lastPaid = Math.max(...recentPayments);
  const limit = history.creditLimit !== undefined && history.creditLimit > 0 ? history.creditLimit : NaN;

  out.push(
    windowed.paid_to_billed_30d - windowed.paid_to_billed_90d,
    streak,
    openOverdue.length === 0 ? 0 : (cutoff - oldestDue) / DAY_MS,
    openOverdue.length,
    outstanding,
    windowed.billed_90d,
    windowed.paid_90d,
    next,
    ratio(next, mean(earlier)),
    recentPayments.length === 0 ? NaN : (cutoff - lastPaid) / DAY_MS,
    limit,
    outstanding / limit,
    next / limit,
    (cutoff - history.openedAt.getTime()) / DAY_MS,
  );
  return out;
}

/** Named view of a feature vector, for logs, explanations and tests. */
export function featureRecord(vector: readonly number[]): Record<string, number> {
  if (vector.length !== FEATURE_COUNT) {
    throw new Error(`feature vector has ${vector.length} values, expected ${FEATURE_COUNT}`);
  }
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, vector[i]]));
}
