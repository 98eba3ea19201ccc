import { insight } from '../recommendations/test-insights';
import { assembleBriefing, weekStartOf, type BriefingInput } from './assemble';

const MONDAY = Date.parse('2026-03-02T00:00:00Z');

const input = (lang: 'en' | 'fr'): BriefingInput => ({
  weekStartMs: MONDAY,
  lang,
  keyNumbers: [
    { key: 'revenue', value: 120_000, previous: 100_000, unit: 'EUR' },
    { key: 'payment_failure_rate', value: 3, previous: null, unit: '%' },
  ],
  insights: [
    {
      ...insight({
        model: 'revenue',
        metric: 'payment_failure_rate',
        dimensions: { method: 'sepa_debit' },
        direction: 'up',
        observed: 12,
        expected: 4,
        severity: 'critical',
      }),
      unit: '%',
      goodDirection: 'down',
    },
    {
      ...insight({
        metric: 'ctr',
        dimensions: { platform: 'meta' },
        direction: 'up',
        observed: 2,
        expected: 1.6,
        severity: 'info',
      }),
      unit: '%',
      goodDirection: 'up',
    },
  ],
  paymentRisk: { accountsAtRisk: 12, revenueAtRisk: 5400, accounts: 200 },
  actions: [
    {
      action: 'Investigate payment method sepa_debit',
      expectedImpact: 'Recover lost payments.',
      priority: 'high',
    },
  ],
});

describe('assembleBriefing', () => {
  it('lists key numbers with their weekly change, top changes, risks (payment risk included) and actions', () => {
    const b = assembleBriefing(input('en'));
    expect(b.weekStart).toBe('2026-03-02T00:00:00.000Z');
    expect(b.weekEnd).toBe('2026-03-09T00:00:00.000Z');
    expect(b.keyNumbers).toEqual([
      { label: 'Revenue', value: 120_000, unit: 'EUR', change: 0.2, goodDirection: 'up' },
      { label: 'Payment failure rate', value: 3, unit: '%', change: null, goodDirection: 'down' },
    ]);
    expect(b.topChanges).toEqual([
      'payment failure rate above its expected range (method=sepa_debit) (+200%)',
      'CTR above its expected range (platform=meta) (+25%)',
    ]);
    // good news is a change, not a risk
    expect(b.risks).toEqual([
      'payment failure rate above its expected range (method=sepa_debit) (+200%)',
      '12 of 200 accounts at payment risk (RISKY or CRITICAL), 5,400 of invoices at stake',
    ]);
    expect(b.actions).toEqual([
      'Investigate payment method sepa_debit (priority high): Recover lost payments.',
    ]);
    expect(b.text).toContain('# Weekly briefing: Week of 2 Mar 2026 to 8 Mar 2026');
    expect(b.text).toContain('- Revenue: 120,000 EUR (+20% week on week)');
  });

  it('speaks French', () => {
    const b = assembleBriefing(input('fr'));
    expect(b.language).toBe('fr');
    expect(b.keyNumbers[0].label).toBe('Chiffre d’affaires');
    expect(b.topChanges[0]).toBe(
      'taux d’échec des paiements au-dessus de sa plage attendue (method=sepa_debit) (+200 %)',
    );
    expect(b.text).toContain('# Synthèse hebdomadaire: Semaine du 2 mars 2026 au 8 mars 2026');
    expect(b.actions[0]).toContain('(priorité haute)');
  });

  it('says so when the week is quiet', () => {
    const b = assembleBriefing({
      weekStartMs: MONDAY,
      lang: 'en',
      keyNumbers: [],
      insights: [],
      actions: [],
    });
    expect(b.text).toContain('- nothing unusual');
    expect(b.risks).toEqual([]);
  });

  it('finds the Monday of a week', () => {
    expect(weekStartOf(Date.parse('2026-03-08T23:59:00Z'))).toBe(MONDAY);
    expect(weekStartOf(MONDAY)).toBe(MONDAY);
  });
});
