import { buildFeatures, featureRecord } from '../ml/features';
import { demoPaymentData } from './accounts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

function history(data: ReturnType<typeof demoPaymentData>, id: string) {
  const a = data.accounts.find((x) => x.id === id)!;
  return {
    accountId: id,
    openedAt: new Date(a.openedAt),
    creditLimit: a.creditLimit ?? undefined,
    invoices: data.invoices
      .filter((i) => i.accountId === id)
      .map((i) => ({ id: i.id, amount: i.amount, issuedAt: new Date(i.issuedAt), dueAt: new Date(i.dueAt) })),
    payments: data.payments
      .filter((p) => p.accountId === id)
      .map((p) => ({ invoiceId: p.invoiceId ?? undefined, amount: p.amount, paidAt: new Date(p.paidAt) })),
  };
}

describe('demo payment data', () => {
  const data = demoPaymentData(7, NOW, 200);

  it('is the same for the same seed and has every payer profile', () => {
    expect(demoPaymentData(7, NOW, 200)).toEqual(data);
    expect(new Set(data.profiles.values())).toEqual(
      new Set(['punctual', 'mostly_on_time', 'chronic_late', 'deteriorating', 'new']),
    );
  });

  it('has no payment after now and every account an invoice not due yet', () => {
    expect(data.payments.every((p) => p.paidAt <= NOW)).toBe(true);
    for (const a of data.accounts)
      expect(data.invoices.some((i) => i.accountId === a.id && i.dueAt > NOW && i.issuedAt <= NOW)).toBe(
        true,
      );
  });

  it('gives the profiles the payment behaviour they are named for', () => {
    const onTime90 = (profile: string) => {
      const ids = [...data.profiles].filter(([, p]) => p === profile).map(([id]) => id);
      const ratios = ids.map(
        (id) => featureRecord(buildFeatures(history(data, id), new Date(NOW))).on_time_ratio_90d,
      );
      return ratios.reduce((a, b) => a + b, 0) / ratios.length;
    };
    expect(onTime90('punctual')).toBe(1);
    expect(onTime90('chronic_late')).toBeLessThan(0.2);
    expect(onTime90('deteriorating')).toBeLessThan(0.2);
    expect(onTime90('mostly_on_time')).toBeGreaterThan(0.7);
    const young = [...data.profiles].find(([, p]) => p === 'new')![0];
    expect(data.accounts.find((a) => a.id === young)!.openedAt).toBeGreaterThan(NOW - 60 * DAY);
  });
});
