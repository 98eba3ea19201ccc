import { findModel } from '../models/definitions';
import { generateRecommendations, targetOf, type PeerValue } from './generate';
import { insight, learning } from './test-insights';

const marketing = findModel('marketing')!;
const revenue = findModel('revenue')!;
const onboarding = findModel('onboarding')!;

const peers: PeerValue[] = [
  { metric: 'cpl', dimensions: { platform: 'meta' }, value: 30 },
  { metric: 'cpl', dimensions: { platform: 'google' }, value: 20 },
  { metric: 'cpl', dimensions: { platform: 'linkedin' }, value: 60 },
  { metric: 'cpl', dimensions: { platform: 'google', campaignId: 'x' }, value: 5 },
];

describe('generateRecommendations', () => {
  it('moves budget from a platform whose CPL jumped to the peer with the lowest CPL', () => {
    const ins = insight({
      metric: 'cpl',
      dimensions: { platform: 'meta' },
      direction: 'up',
      observed: 45,
      expected: 30,
    });
    const [r, ...rest] = generateRecommendations({ model: marketing, insights: [ins], peers });
    expect(rest).toHaveLength(0);
    expect(r).toMatchObject({
      kind: 'move_budget',
      target: 'platform=meta',
      relatedTargets: ['platform=google'],
      priority: 'medium',
      insightIds: [ins.id],
      action: 'Move part of the budget from meta to google',
    });
    // campaign-level peers are not platforms: google's platform CPL (20) is the destination value
    expect(r.params.toValue).toBe(20);
    expect(r.rationale).toContain('CPL at 45 EUR (platform=meta) where 30 EUR was expected (+50%)');
    expect(r.expectedImpact).toBe('About -55.6% CPL on the moved spend.');
  });

  it('does not move budget when no peer is clearly better; the bad CPL is still investigated', () => {
    const ins = insight({
      metric: 'cpl',
      dimensions: { platform: 'google' },
      direction: 'up',
      observed: 21,
      expected: 18,
    });
    const out = generateRecommendations({ model: marketing, insights: [ins], peers });
    expect(out.map((r) => [r.kind, r.target])).toEqual([['investigate_kpi', 'metric=cpl, platform=google']]);
  });

  it('asks to refresh the creative of a campaign whose CTR dropped, acting now when CTR leads signups', () => {
    const ctr = insight({
      metric: 'ctr',
      dimensions: { platform: 'instagram', campaignId: 'camp_123' },
      direction: 'down',
      observed: 0.8,
      expected: 1.2,
    });
    const plain = generateRecommendations({ model: marketing, insights: [ctr] })[0];
    expect(plain).toMatchObject({
      kind: 'refresh_creative',
      target: 'campaignId=camp_123, platform=instagram',
    });
    expect(plain.action).toBe('Refresh the creative of campaign camp_123 on instagram');
    const lead = learning({
      leader: { id: 1, model: 'marketing', metric: 'ctr', dimensions: { platform: 'instagram' } },
      follower: { id: 2, model: 'onboarding', metric: 'signups_completed', dimensions: {} },
    });
    // a learning of another platform does not apply
    const other = learning({
      leader: { id: 3, model: 'marketing', metric: 'ctr', dimensions: { platform: 'tiktok' } },
      follower: { id: 2, model: 'onboarding', metric: 'signups_completed', dimensions: {} },
      correlation: 0.95,
    });
    const withLearning = generateRecommendations({
      model: marketing,
      insights: [ctr],
      learnings: [other, lead],
    })[0];
    expect(withLearning.rationale).toContain(
      'CTR (platform=instagram) leads signup completions (overall) by 3 days: act on CTR now.',
    );
    expect(withLearning.params.learning?.lagDays).toBe(3);
    expect(withLearning.priority).toBe('high');
    expect(withLearning.baseScore).toBeGreaterThan(plain.baseScore);
  });

  it('investigates a payment method whose failure rate rose, and fixes the onboarding step of a source', () => {
    const pay = insight({
      model: 'revenue',
      metric: 'payment_failure_rate',
      dimensions: { method: 'sepa_debit' },
      direction: 'up',
      observed: 12,
      expected: 4,
      severity: 'critical',
    });
    expect(generateRecommendations({ model: revenue, insights: [pay] })[0]).toMatchObject({
      kind: 'investigate_payment_method',
      target: 'method=sepa_debit',
      priority: 'high',
    });
    const signup = insight({
      model: 'onboarding',
      metric: 'signup_completion_rate',
      dimensions: { source: 'paid_social' },
      direction: 'down',
      observed: 30,
      expected: 55,
    });
    const fr = generateRecommendations({ model: onboarding, insights: [signup], lang: 'fr' })[0];
    expect(fr).toMatchObject({ kind: 'fix_onboarding_step', target: 'source=paid_social' });
    expect(fr.action).toBe(
      'Corriger l’étape d’inscription où les utilisateurs venant de paid_social abandonnent',
    );
    expect(fr.rationale).toContain('-45,5 %');
  });

  it('says where to look when another model published that one of its KPIs moves first', () => {
    const drop = insight({
      model: 'onboarding',
      metric: 'signups_completed',
      dimensions: { source: 'paid_social' },
      direction: 'down',
      observed: 20,
      expected: 30,
    });
    const plain = generateRecommendations({ model: onboarding, insights: [drop] })[0];
    // marketing published that meta's CTR leads onboarding's completions; its own lead is marketing's to act on
    const ledBy = learning({
      leader: { id: 5, model: 'marketing', metric: 'ctr', dimensions: { platform: 'meta' } },
      follower: { id: 6, model: 'onboarding', metric: 'signups_completed', dimensions: {} },
      lagDays: 2,
    });
    const elsewhere = learning({
      leader: { id: 7, model: 'marketing', metric: 'ctr', dimensions: { platform: 'meta' } },
      follower: {
        id: 8,
        model: 'onboarding',
        metric: 'signups_completed',
        dimensions: { source: 'referral' },
      },
      correlation: 0.99,
    });
    for (const lang of ['en', 'fr'] as const) {
      const rec = generateRecommendations({
        model: onboarding,
        insights: [drop],
        learnings: [elsewhere, ledBy],
        lang,
      })[0];
      expect(rec.kind).toBe('fix_onboarding_step');
      expect(rec.params.ledBy).toMatchObject({ leaderModel: 'marketing', leaderMetric: 'ctr', lagDays: 2 });
      expect(rec.rationale).toContain(
        lang === 'en'
          ? 'CTR (platform=meta, marketing model) moves 2 days before signup completions (overall): look there for the cause.'
          : 'modèle marketing) évolue 2 jours avant inscriptions terminées',
      );
      // a cause elsewhere does not make acting on this KPI more urgent
      expect(rec.priority).toBe(plain.priority);
      expect(rec.baseScore).toBe(plain.baseScore);
    }
  });

  it('protects revenue when churn rises or MRR is projected to miss its target', () => {
    const churn = insight({
      model: 'revenue',
      metric: 'churn_rate',
      dimensions: { currency: 'EUR' },
      direction: 'up',
      observed: 3.8,
      expected: 3,
      severity: 'critical',
    });
    const [rec] = generateRecommendations({ model: revenue, insights: [churn] });
    expect(rec).toMatchObject({ kind: 'protect_revenue', target: 'currency=EUR', priority: 'high' });
    expect(rec.rationale).toContain('churn rate at 3.8% (currency=EUR)');
    const fr = generateRecommendations({ model: revenue, insights: [churn], lang: 'fr' })[0];
    expect(fr.rationale).toContain('taux d’attrition');
  });

  it('raises nothing for good news without a lever, resolved insights or insights of other models', () => {
    const out = generateRecommendations({
      model: marketing,
      insights: [
        insight({
          metric: 'ctr',
          dimensions: { platform: 'meta' },
          direction: 'up',
          observed: 2,
          expected: 1.4,
          severity: 'info',
        }),
        insight({
          metric: 'ctr',
          dimensions: { platform: 'meta' },
          direction: 'down',
          observed: 1,
          expected: 1.4,
          status: 'resolved',
        }),
        insight({
          model: 'revenue',
          metric: 'ctr',
          dimensions: { platform: 'meta' },
          direction: 'down',
          observed: 1,
          expected: 1.4,
        }),
      ],
    });
    expect(out).toEqual([]);
  });

  it('keeps one recommendation per kind and target, with every insight behind it, strongest first', () => {
    const a = insight({
      metric: 'ctr',
      dimensions: { platform: 'meta' },
      direction: 'down',
      observed: 1,
      expected: 1.4,
      score: 0.8,
    });
    const b = insight({
      metric: 'ctr',
      dimensions: { platform: 'meta' },
      direction: 'down',
      observed: 0.9,
      expected: 1.4,
      type: 'trend_change',
      severity: 'critical',
    });
    const c = insight({
      metric: 'conversion_rate',
      dimensions: { platform: 'meta' },
      direction: 'down',
      observed: 2,
      expected: 3,
      score: 0.85,
    });
    const out = generateRecommendations({ model: marketing, insights: [a, c, b] });
    expect(out.map((r) => r.kind)).toEqual(['refresh_creative', 'review_landing_page']);
    expect(out[0].insightIds).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(out[0].priority).toBe('high');
    expect(out[0].params.insightType).toBe('trend_change');
    expect(out[0].rationale).toContain('the earlier trend pointed to 1.4%');
  });

  it('writes targets canonically', () => {
    expect(targetOf({ platform: 'meta', campaignId: 'c1' })).toBe('campaignId=c1, platform=meta');
    expect(targetOf({})).toBe('all');
  });
});
