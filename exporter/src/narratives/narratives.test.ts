import { insight } from '../recommendations/test-insights';
import { num, pct } from './format';
import { renderInsight } from './insights';
import { renderRecommendation } from './recommendations';

describe('narrative templates', () => {
  it('write numbers the way each language does', () => {
    expect(num(12345.678, 'en')).toBe('12,346');
    expect(num(12345.678, 'fr')).toBe('12\u202f346');
    expect(num(0.01234, 'en')).toBe('0.0123');
    expect(pct(-0.125, 'fr')).toBe('-12,5 %');
    expect(pct(0.5, 'en')).toBe('+50%');
  });

  it('title each insight type in English and French', () => {
    const base = {
      metric: 'cpl',
      dimensions: { platform: 'meta' },
      direction: 'up' as const,
      observed: 45,
      expected: 30,
    };
    const cases: Array<[string, string, string]> = [
      [
        'anomaly',
        'CPL above its expected range (platform=meta)',
        'CPL au-dessus de sa plage attendue (platform=meta)',
      ],
      [
        'peer_outlier',
        'CPL of platform=meta departs from its peers',
        'CPL de platform=meta s’écarte de ses pairs',
      ],
      [
        'trend_change',
        'CPL trend turned up (platform=meta)',
        'La tendance de CPL (platform=meta) s’oriente à la hausse',
      ],
      [
        'target_risk',
        'CPL (platform=meta) projected to miss its target',
        'CPL (platform=meta) risque de manquer son objectif',
      ],
    ];
    for (const [type, en, fr] of cases) {
      const ins = insight({ ...base, type: type as 'anomaly' });
      expect([renderInsight(ins, 'en', 'EUR').title, renderInsight(ins, 'fr', 'EUR').title]).toEqual([
        en,
        fr,
      ]);
    }
    const a = insight({ ...base });
    expect(renderInsight(a, 'en', 'EUR').message).toBe(
      'CPL at 45 EUR where 30 EUR was expected (normal range 27 EUR to 33 EUR) (+50%), since 2 Mar 2026; still going on.',
    );
    expect(renderInsight(a, 'fr', 'EUR').message).toBe(
      'CPL à 45 EUR alors que 30 EUR était attendu (plage normale de 27 EUR à 33 EUR) (+50 %), depuis le 2 mars 2026 ; toujours en cours.',
    );
  });

  it('render every recommendation kind in both languages from the same figures', () => {
    const params = {
      metric: 'ctr',
      unit: '%',
      where: { platform: 'meta', campaignId: 'c1' },
      observed: 1,
      expected: 1.5,
      change: -1 / 3,
      insightType: 'anomaly',
    };
    const kinds = [
      'move_budget',
      'increase_budget',
      'refresh_creative',
      'review_landing_page',
      'investigate_payment_method',
      'fix_onboarding_step',
      'protect_revenue',
      'investigate_kpi',
    ] as const;
    for (const k of kinds) {
      const en = renderRecommendation(k, params, 'en');
      const fr = renderRecommendation(k, params, 'fr');
      for (const t of [en, fr]) for (const v of Object.values(t)) expect(v.length).toBeGreaterThan(10);
      expect(fr.action).not.toBe(en.action);
    }
    expect(renderRecommendation('refresh_creative', params, 'fr').rationale).toBe(
      'taux de clic à 1 % (campaignId=c1, platform=meta) alors que 1,5 % était attendu (-33,3 %) : l’audience se lasse de la création.',
    );
  });
});
