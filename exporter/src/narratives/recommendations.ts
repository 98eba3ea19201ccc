import type { Language } from '@kpilens/contract';
import type { RecommendationKind, RecommendationParams } from '../recommendations/kinds';
import { metricName, pct, where, withUnit } from './format';

export interface RecommendationText {
  action: string;
  rationale: string;
  expectedImpact: string;
}

type Template = (p: RecommendationParams, lang: Language) => RecommendationText;

const dim = (p: RecommendationParams, key: string) => p.where[key] ?? where(p.where, 'en');
const change = (p: RecommendationParams, lang: Language) =>
  p.change === null ? '' : ` (${pct(p.change, lang)})`;

/** "ctr at 0.8% where 1.2% was expected (-33.3%)" */
function evidence(p: RecommendationParams, lang: Language): string {
  const m = metricName(p.metric, lang);
  const o = withUnit(p.observed, p.unit, lang);
  const e = withUnit(p.expected, p.unit, lang);
  const against: Record<string, Record<Language, string>> = {
    peer_outlier: {
      en: `moving like its peers would give ${e}`,
      fr: `une évolution comme celle de ses pairs donnerait ${e}`,
    },
    target_risk: { en: `the target is ${e}`, fr: `l’objectif est de ${e}` },
    trend_change: { en: `the earlier trend pointed to ${e}`, fr: `la tendance précédente menait à ${e}` },
  };
  const ref = against[p.insightType]?.[lang] ?? (lang === 'fr' ? `${e} était attendu` : `${e} was expected`);
  return lang === 'fr'
    ? `${m} à ${o} (${where(p.where, lang)}) alors que ${ref}${change(p, lang)}`
    : `${m} at ${o} (${where(p.where, lang)}) where ${ref}${change(p, lang)}`;
}

function learningLine(p: RecommendationParams, lang: Language): string {
  return leadLine(p, lang) + ledByLine(p, lang);
}

/** "3 days", "3 jours". */
function lagDays(n: number, lang: Language): string {
  return lang === 'fr' ? `${n} jour${n > 1 ? 's' : ''}` : `${n} day${n === 1 ? '' : 's'}`;
}

/** "CTR (platform=meta, marketing model) moves 3 days before signups completed (overall): look there for the cause." */
function ledByLine(p: RecommendationParams, lang: Language): string {
  const l = p.ledBy;
  if (!l) return '';
  const model = l.leaderModel ?? '';
  const leader = `${metricName(l.leaderMetric, lang)} (${where(l.leaderWhere, lang)}, ${lang === 'fr' ? `modèle ${model}` : `${model} model`})`;
  const follower = `${metricName(l.followerMetric, lang)} (${where(l.followerWhere, lang)})`;
  const days = lagDays(l.lagDays, lang);
  return lang === 'fr'
    ? ` ${leader} évolue ${days} avant ${follower} : y chercher la cause.`
    : ` ${leader} moves ${days} before ${follower}: look there for the cause.`;
}

function leadLine(p: RecommendationParams, lang: Language): string {
  const l = p.learning;
  if (!l) return '';
  const leader = `${metricName(l.leaderMetric, lang)} (${where(l.leaderWhere, lang)})`;
  const follower = `${metricName(l.followerMetric, lang)} (${where(l.followerWhere, lang)})`;
  const days = lagDays(l.lagDays, lang);
  return lang === 'fr'
    ? ` ${leader} précède ${follower} de ${days} : agir sur ${metricName(l.leaderMetric, lang)} maintenant.`
    : ` ${leader} leads ${follower} by ${days}: act on ${metricName(l.leaderMetric, lang)} now.`;
}

const TEMPLATES: Record<RecommendationKind, Template> = {
  move_budget: (p, lang) => {
    const from = dim(p, 'platform');
    const to = p.to ?? '?';
    const toValue = p.toValue === undefined ? '' : withUnit(p.toValue, p.unit, lang);
    const gap =
      p.toValue !== undefined && p.observed !== 0
        ? Math.abs(p.observed - p.toValue) / Math.abs(p.observed)
        : null;
    return lang === 'fr'
      ? {
          action: `Déplacer une partie du budget de ${from} vers ${to}`,
          rationale: `${evidence(p, lang)} ; ${to} est à ${toValue}.`,
          expectedImpact:
            gap === null
              ? `Un ${metricName(p.metric, lang)} plus bas sur le budget déplacé.`
              : `Environ ${pct(-gap, lang)} de ${metricName(p.metric, lang)} sur le budget déplacé.`,
        }
      : {
          action: `Move part of the budget from ${from} to ${to}`,
          rationale: `${evidence(p, lang)}; ${to} is at ${toValue}.`,
          expectedImpact:
            gap === null
              ? `A lower ${metricName(p.metric, lang)} on the moved spend.`
              : `About ${pct(-gap, lang)} ${metricName(p.metric, lang)} on the moved spend.`,
        };
  },
  increase_budget: (p, lang) =>
    lang === 'fr'
      ? {
          action: `Augmenter le budget de ${dim(p, 'platform')} tant que ${metricName(p.metric, lang)} reste favorable`,
          rationale: `${evidence(p, lang)}.`,
          expectedImpact: `Plus de conversions au même ${metricName(p.metric, lang)} tant que l’écart dure.`,
        }
      : {
          action: `Increase the budget of ${dim(p, 'platform')} while its ${metricName(p.metric, lang)} stays favourable`,
          rationale: `${evidence(p, lang)}.`,
          expectedImpact: `More conversions at the same ${metricName(p.metric, lang)} while the gap lasts.`,
        },
  refresh_creative: (p, lang) => {
    const c = p.where.campaignId;
    const on = p.where.platform
      ? lang === 'fr'
        ? ` sur ${p.where.platform}`
        : ` on ${p.where.platform}`
      : '';
    return lang === 'fr'
      ? {
          action: c
            ? `Renouveler la création de la campagne ${c}${on}`
            : `Renouveler les créations (${where(p.where, lang)})`,
          rationale: `${evidence(p, lang)} : l’audience se lasse de la création.${learningLine(p, lang)}`,
          expectedImpact: `Ramener ${metricName(p.metric, lang)} vers ${withUnit(p.expected, p.unit, lang)}${p.learning ? ` et protéger ${metricName(p.learning.followerMetric, lang)} dans ${p.learning.lagDays} jours` : ''}.`,
        }
      : {
          action: c
            ? `Refresh the creative of campaign ${c}${on}`
            : `Refresh the creatives (${where(p.where, lang)})`,
          rationale: `${evidence(p, lang)}: the audience is tiring of the creative.${learningLine(p, lang)}`,
          expectedImpact: `Bring ${metricName(p.metric, lang)} back towards ${withUnit(p.expected, p.unit, lang)}${p.learning ? ` and protect ${metricName(p.learning.followerMetric, lang)} in ${p.learning.lagDays} days` : ''}.`,
        };
  },
  review_landing_page: (p, lang) => {
    const c = p.where.campaignId;
    return lang === 'fr'
      ? {
          action: c
            ? `Vérifier la page d’arrivée de la campagne ${c}`
            : `Vérifier les pages d’arrivée (${where(p.where, lang)})`,
          rationale: `${evidence(p, lang)} : les clics arrivent mais convertissent moins.${learningLine(p, lang)}`,
          expectedImpact: `Ramener ${metricName(p.metric, lang)} vers ${withUnit(p.expected, p.unit, lang)}.`,
        }
      : {
          action: c
            ? `Check the landing page of campaign ${c}`
            : `Check the landing pages (${where(p.where, lang)})`,
          rationale: `${evidence(p, lang)}: clicks still arrive but convert less.${learningLine(p, lang)}`,
          expectedImpact: `Bring ${metricName(p.metric, lang)} back towards ${withUnit(p.expected, p.unit, lang)}.`,
        };
  },
  investigate_payment_method: (p, lang) => {
    const method = p.where.method ?? where(p.where, lang);
    return lang === 'fr'
      ? {
          action: `Examiner le moyen de paiement ${method} (prestataire, erreurs de refus, 3-D Secure)`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Récupérer les paiements perdus : ${metricName(p.metric, lang)} vers ${withUnit(p.expected, p.unit, lang)}.`,
        }
      : {
          action: `Investigate payment method ${method} (provider status, decline codes, 3-D Secure)`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Recover lost payments: ${metricName(p.metric, lang)} back to ${withUnit(p.expected, p.unit, lang)}.`,
        };
  },
  fix_onboarding_step: (p, lang) => {
    const source = p.where.source ?? where(p.where, lang);
    return lang === 'fr'
      ? {
          action: `Corriger l’étape d’inscription où les utilisateurs venant de ${source} abandonnent`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Ramener ${metricName(p.metric, lang)} vers ${withUnit(p.expected, p.unit, lang)} pour ${source}.`,
        }
      : {
          action: `Fix the signup step where users from ${source} drop off`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Bring ${metricName(p.metric, lang)} back towards ${withUnit(p.expected, p.unit, lang)} for ${source}.`,
        };
  },
  protect_revenue: (p, lang) =>
    lang === 'fr'
      ? {
          action: `Revoir les leviers de chiffre d’affaires (${where(p.where, lang)}) : relances, offres, tarifs`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Revenir vers ${withUnit(p.expected, p.unit, lang)} de ${metricName(p.metric, lang)}.`,
        }
      : {
          action: `Review the revenue levers (${where(p.where, lang)}): dunning, offers, pricing`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Get ${metricName(p.metric, lang)} back towards ${withUnit(p.expected, p.unit, lang)}.`,
        },
  investigate_kpi: (p, lang) =>
    lang === 'fr'
      ? {
          action: `Analyser ${metricName(p.metric, lang)} (${where(p.where, lang)})`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Comprendre l’écart avant qu’il ne coûte plus.`,
        }
      : {
          action: `Investigate ${metricName(p.metric, lang)} (${where(p.where, lang)})`,
          rationale: `${evidence(p, lang)}.${learningLine(p, lang)}`,
          expectedImpact: `Understand the gap before it costs more.`,
        },
};

/** The texts of a recommendation in a language, from its kind and figures (deterministic). */
export function renderRecommendation(
  kind: RecommendationKind,
  params: RecommendationParams,
  lang: Language,
): RecommendationText {
  return TEMPLATES[kind](params, lang);
}
