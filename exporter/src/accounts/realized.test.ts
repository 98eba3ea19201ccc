import type { AccountHistory } from '../ml/features';
import { outcomeOf, qualityByVersion } from './realized';

const d = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);

describe('realized quality', () => {
  const history: AccountHistory = {
    accountId: 'a',
    openedAt: d(-10),
    invoices: [
      { id: 'on-time', amount: 100, issuedAt: d(0), dueAt: d(30) },
      { id: 'late', amount: 100, issuedAt: d(30), dueAt: d(60) },
      { id: 'future', amount: 100, issuedAt: d(60), dueAt: d(90) },
    ],
    payments: [
      { invoiceId: 'on-time', amount: 100, paidAt: d(30) },
      { invoiceId: 'late', amount: 100, paidAt: d(61) },
    ],
  };

  it('knows an outcome only once the invoice is due', () => {
    expect(outcomeOf(history, 'on-time', d(70))).toBe(1);
    expect(outcomeOf(history, 'late', d(70))).toBe(0);
    expect(outcomeOf(history, 'future', d(70))).toBeUndefined();
    expect(outcomeOf(history, 'future', d(90))).toBe(0);
    expect(outcomeOf(history, 'nope', d(90))).toBeUndefined();
  });

  it('computes AUC and Brier per model version', () => {
    const q = qualityByVersion([
      { modelVersion: 'm/v1', probability: 0.9, onTime: 1 },
      { modelVersion: 'm/v1', probability: 0.8, onTime: 0 },
      { modelVersion: 'm/v1', probability: 0.3, onTime: 0 },
      { modelVersion: 'm/v1', probability: 0.6, onTime: 1 },
      { modelVersion: 'm/v2', probability: 0.7, onTime: 1 },
    ]);
    // Positive-negative pairs ranked right: 0.9>0.8, 0.9>0.3, 0.6>0.3, not 0.6>0.8 -> 3/4.
    expect(q.get('m/v1')!.auc).toBeCloseTo(0.75, 12);
    expect(q.get('m/v1')!.brier).toBeCloseTo((0.01 + 0.64 + 0.09 + 0.16) / 4, 12);
    expect(q.get('m/v2')!.rows).toBe(1);
    expect(q.get('m/v2')!.auc).toBeNaN();
  });
});
