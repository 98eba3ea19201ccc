import type { Language } from '@kpilens/contract';

// Shared wording of the templates: numbers, percentages, dates and KPI names in each language.

const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

/** A figure with at most `digits` significant digits, grouped the way the language writes numbers. */
export function num(x: number, lang: Language, digits = 3): string {
  if (!Number.isFinite(x)) return '-';
  const abs = Math.abs(x);
  const maximumFractionDigits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return new Intl.NumberFormat(LOCALE[lang], {
    maximumSignificantDigits: Math.max(digits, Math.ceil(Math.log10(abs + 1))),
    maximumFractionDigits,
  }).format(x);
}

/** A relative change (0.12 = +12 %), signed. */
export function pct(change: number, lang: Language): string {
  const p = Math.round(change * 1000) / 10;
  const s = new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(p);
  return lang === 'fr' ? `${s} %` : `${s}%`;
}

/** A value with its unit ("%" sticks to the number in English only). */
export function withUnit(x: number, unit: string | undefined, lang: Language): string {
  const n = num(x, lang);
  if (!unit) return n;
  if (unit === '%' && lang === 'en') return `${n}%`;
  return `${n} ${unit}`;
}

export function day(iso: string | number, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(iso));
}

const METRIC_NAMES: Record<string, Record<Language, string>> = {
  impressions: { en: 'impressions', fr: 'impressions' },
  clicks: { en: 'clicks', fr: 'clics' },
  ctr: { en: 'CTR', fr: 'taux de clic' },
  cpc: { en: 'CPC', fr: 'CPC' },
  cost: { en: 'ad spend', fr: 'dépenses publicitaires' },
  conversions: { en: 'conversions', fr: 'conversions' },
  conversion_rate: { en: 'conversion rate', fr: 'taux de conversion' },
  cpl: { en: 'CPL', fr: 'CPL' },
  roas: { en: 'ROAS', fr: 'ROAS' },
  signups_started: { en: 'signups started', fr: 'inscriptions commencées' },
  signups_completed: { en: 'signup completions', fr: 'inscriptions terminées' },
  signup_completion_rate: { en: 'signup completion rate', fr: 'taux de finalisation des inscriptions' },
  time_to_complete_seconds: { en: 'time to complete a signup', fr: 'durée d’inscription' },
  payments: { en: 'payments', fr: 'paiements' },
  payments_succeeded: { en: 'successful payments', fr: 'paiements réussis' },
  payments_failed: { en: 'failed payments', fr: 'paiements échoués' },
  payment_success_rate: { en: 'payment success rate', fr: 'taux de réussite des paiements' },
  payment_failure_rate: { en: 'payment failure rate', fr: 'taux d’échec des paiements' },
  revenue: { en: 'revenue', fr: 'chiffre d’affaires' },
  refunds: { en: 'refunds', fr: 'remboursements' },
  conversion_value: { en: 'attributed revenue', fr: 'chiffre d’affaires attribué' },
  mrr: { en: 'MRR', fr: 'revenu mensuel récurrent' },
  active_subscribers: { en: 'active subscribers', fr: 'abonnés actifs' },
  churned_subscribers: { en: 'cancelled subscriptions', fr: 'abonnements résiliés' },
  arpu: { en: 'ARPU', fr: 'revenu moyen par abonné' },
  churn_rate: { en: 'churn rate', fr: 'taux d’attrition' },
  daily_active_users: { en: 'daily active users', fr: 'utilisateurs actifs par jour' },
  monthly_active_users: { en: 'monthly active users', fr: 'utilisateurs actifs par mois' },
  stickiness: { en: 'stickiness', fr: 'taux de rétention quotidienne' },
};

/** A KPI's readable name; unknown metrics keep their own name. */
export function metricName(metric: string, lang: Language): string {
  return METRIC_NAMES[metric]?.[lang] ?? metric;
}

/** "platform=meta, campaignId=retargeting", or the language's word for every dimension value. */
export function where(dimensions: Record<string, string>, lang: Language): string {
  const s = Object.entries(dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return s || (lang === 'fr' ? 'global' : 'overall');
}

/** Relative change of `observed` against `expected` (null when expected is 0). */
export function relChange(observed: number, expected: number): number | null {
  if (!Number.isFinite(observed) || !Number.isFinite(expected) || expected === 0) return null;
  return (observed - expected) / Math.abs(expected);
}
