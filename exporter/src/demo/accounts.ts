// Demo accounts for payment risk: customers with distinct payment behaviours (punctual, mostly on
// time, chronically late, getting worse, new), monthly invoices over the last year and the payments
// made up to now, so the scores, levels and factors have something to tell apart.
import type { Db } from '../db/db';
import type { AccountRow, InvoiceRow, PaymentRow } from '../accounts/normalize';
import { writeAccounts, writeInvoices, writePayments } from '../accounts/store';
import { Draws, streamId } from './random';

const DAY_MS = 86_400_000;
/** Accounts `kpilens demo` creates: enough for every profile and level, quick to score. */
export const DEMO_ACCOUNTS = 200;
const TERM_DAYS = 30;

export type PayerProfile = 'punctual' | 'mostly_on_time' | 'chronic_late' | 'deteriorating' | 'new';
const PROFILES: readonly [PayerProfile, number][] = [
  ['punctual', 0.35],
  ['mostly_on_time', 0.3],
  ['chronic_late', 0.15],
  ['deteriorating', 0.1],
  ['new', 0.1],
];

export interface DemoPaymentData {
  accounts: AccountRow[];
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  profiles: Map<string, PayerProfile>;
}

function pick(u: number): PayerProfile {
  let acc = 0;
  for (const [p, w] of PROFILES) if (u < (acc += w)) return p;
  return PROFILES[PROFILES.length - 1][0];
}

/** Days after the due date an invoice is paid (negative: early), or undefined: never paid. */
function delay(profile: PayerProfile, d: Draws, monthsBeforeNow: number): number | undefined {
  const u = d.uniform();
  switch (profile) {
    case 'punctual':
      return -1 - Math.floor(d.uniform() * 5);
    case 'mostly_on_time':
      return u < 0.85 ? -Math.floor(d.uniform() * 4) : 3 + Math.floor(d.uniform() * 12);
    case 'chronic_late':
      return u < 0.15 ? undefined : 15 + Math.floor(d.uniform() * 45);
    case 'deteriorating':
      // Fine for most of the year, late and then unpaid over the last three months.
      if (monthsBeforeNow > 3) return -Math.floor(d.uniform() * 3);
      return u < 0.4 ? undefined : 20 + Math.floor(d.uniform() * 30);
    case 'new':
      return -Math.floor(d.uniform() * 3);
  }
}

/** `count` accounts of the seed's mix, their invoices of the last 12 months and the payments made by `nowMs`. */
export function demoPaymentData(seed: number, nowMs: number, count: number): DemoPaymentData {
  const out: DemoPaymentData = { accounts: [], invoices: [], payments: [], profiles: new Map() };
  const stream = streamId('demo-accounts');
  for (let k = 0; k < count; k++) {
    const d = new Draws(seed, stream, k);
    const id = `cust_${String(k + 1).padStart(4, '0')}`;
    const profile = pick(d.uniform());
    const months = profile === 'new' ? 1 : 12;
    const amount = Math.round(200 + 4800 * d.uniform());
    out.profiles.set(id, profile);
    out.accounts.push({
      id,
      name: `Customer ${k + 1}`,
      openedAt: nowMs - (months * 30 + 20) * DAY_MS,
      creditLimit: d.uniform() < 0.7 ? amount * 4 : null,
    });
    for (let m = months; m >= 0; m--) {
      // Invoice m months back, issued a few days after the month start; m = 0 is the one not due yet.
      const issuedAt = nowMs - m * 30 * DAY_MS - 10 * DAY_MS;
      const dueAt = issuedAt + TERM_DAYS * DAY_MS;
      const invoiceId = `${id}_inv_${months - m + 1}`;
      const value = Math.round(amount * (0.8 + 0.4 * d.uniform()) * 100) / 100;
      out.invoices.push({ id: invoiceId, accountId: id, amount: value, issuedAt, dueAt, minimumDue: null });
      const late = delay(profile, d, m);
      if (late === undefined) continue;
      const paidAt = dueAt + late * DAY_MS;
      if (paidAt <= nowMs)
        out.payments.push({ id: `${invoiceId}_pay`, accountId: id, invoiceId, amount: value, paidAt });
    }
  }
  return out;
}

/** Stores the demo accounts in one transaction (ids are stable, so a re-run updates them in place). */
export async function loadDemoAccounts(db: Db, orgId: number, data: DemoPaymentData): Promise<number> {
  await db.transaction(async (tx) => {
    await writeAccounts(tx, orgId, data.accounts);
    await writeInvoices(tx, orgId, data.invoices);
    await writePayments(tx, orgId, data.payments);
  });
  return data.accounts.length;
}
