import type { Briefing, Language, Priority, Severity } from '@kpilens/contract';
import { day, num, pct, relChange, withUnit } from '../narratives/format';
import { evidenceFigures } from '../narratives/evidence';
import { renderInsight, type InsightForText } from '../narratives/insights';

// The weekly executive briefing, assembled from figures the caller read (pure, deterministic).

export const KEY_NUMBERS = [
  'revenue',
  'payment_failure_rate',
  'signups_completed',
  'signup_completion_rate',
  'ad_spend',
  'conversions',
  'cpl',
  'accounts_at_risk',
  'revenue_at_risk',
] as const;
export type KeyNumberKey = (typeof KEY_NUMBERS)[number];

const LABELS: Record<KeyNumberKey, Record<Language, string>> = {
  revenue: { en: 'Revenue', fr: 'Chiffre d’affaires' },
  payment_failure_rate: { en: 'Payment failure rate', fr: 'Taux d’échec des paiements' },
  signups_completed: { en: 'Signups completed', fr: 'Inscriptions terminées' },
  signup_completion_rate: { en: 'Signup completion rate', fr: 'Taux de finalisation des inscriptions' },
  ad_spend: { en: 'Ad spend', fr: 'Dépenses publicitaires' },
  conversions: { en: 'Conversions', fr: 'Conversions' },
  cpl: { en: 'Cost per lead', fr: 'Coût par lead' },
  accounts_at_risk: { en: 'Accounts at payment risk', fr: 'Comptes à risque de paiement' },
  revenue_at_risk: { en: 'Revenue at payment risk', fr: 'Chiffre d’affaires à risque' },
};

/** Which way is good for each figure, so a reader is not told a falling failure rate is bad news. */
const GOOD_DIRECTION: Record<KeyNumberKey, 'up' | 'down' | undefined> = {
  revenue: 'up',
  payment_failure_rate: 'down',
  signups_completed: 'up',
  signup_completion_rate: 'up',
  // more spend is neither good nor bad by itself
  ad_spend: undefined,
  conversions: 'up',
  cpl: 'down',
  accounts_at_risk: 'down',
  revenue_at_risk: 'down',
};

export interface KeyNumberInput {
  key: KeyNumberKey;
  value: number;
  /** The same figure over the previous week; null when unknown. */
  previous: number | null;
  unit?: string;
}

export interface BriefingInsight extends InsightForText {
  severity: Severity;
  unit?: string;
  /** Which way is good for its KPI, to tell risks from good news. */
  goodDirection?: 'up' | 'down';
}

export interface BriefingAction {
  action: string;
  expectedImpact: string;
  priority: Priority;
}

export interface BriefingInput {
  weekStartMs: number;
  lang: Language;
  keyNumbers: KeyNumberInput[];
  /** Insights going on during the week. */
  insights: BriefingInsight[];
  /** Payment risk of the organization's accounts, when it has scored accounts. */
  paymentRisk?: { accountsAtRisk: number; revenueAtRisk: number; accounts: number };
  /** Recommendations that passed the quality gate, best first. */
  actions: BriefingAction[];
  maxItems?: number;
}

const WEEK_MS = 7 * 86_400_000;
const SEVERITY_RANK: Record<Severity, number> = { critical: 2, warning: 1, info: 0 };

function change(i: BriefingInsight): number | null {
  const e = evidenceFigures(i);
  return e ? relChange(e.observed, e.expected) : null;
}
const strength = (i: BriefingInsight) => Math.abs(change(i) ?? 0);

export function assembleBriefing(input: BriefingInput): Briefing {
  const { lang } = input;
  const fr = lang === 'fr';
  const max = input.maxItems ?? 5;
  const keyNumbers = input.keyNumbers.map((k) => ({
    label: LABELS[k.key][lang],
    value: k.value,
    ...(k.unit ? { unit: k.unit } : {}),
    change: k.previous === null ? null : relChange(k.value, k.previous),
    ...(GOOD_DIRECTION[k.key] ? { goodDirection: GOOD_DIRECTION[k.key] } : {}),
  }));
  const ranked = [...input.insights].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      strength(b) - strength(a) ||
      a.startedAt.localeCompare(b.startedAt),
  );
  const line = (i: BriefingInsight) => {
    const t = renderInsight(i, lang, i.unit);
    const ch = change(i);
    return `${t.title}${ch === null ? '' : ` (${pct(ch, lang)})`}`;
  };
  const topChanges = ranked
    .filter((i) => i.type !== 'learning')
    .slice(0, max)
    .map(line);
  const bad = (i: BriefingInsight) =>
    i.type === 'target_risk' ||
    (i.goodDirection !== undefined &&
      evidenceFigures(i)?.direction !== i.goodDirection &&
      evidenceFigures(i) !== null &&
      i.severity !== 'info');
  const risks = ranked
    .filter((i) => i.resolvedAt === null && bad(i))
    .slice(0, max)
    .map(line);
  const pr = input.paymentRisk;
  if (pr && pr.accountsAtRisk > 0)
    risks.push(
      fr
        ? `${num(pr.accountsAtRisk, lang)} comptes sur ${num(pr.accounts, lang)} à risque de paiement (RISKY ou CRITICAL), ${num(pr.revenueAtRisk, lang)} de factures en jeu`
        : `${num(pr.accountsAtRisk, lang)} of ${num(pr.accounts, lang)} accounts at payment risk (RISKY or CRITICAL), ${num(pr.revenueAtRisk, lang)} of invoices at stake`,
    );
  const PRIORITY: Record<Priority, Record<Language, string>> = {
    high: { en: 'high', fr: 'haute' },
    medium: { en: 'medium', fr: 'moyenne' },
    low: { en: 'low', fr: 'basse' },
  };
  const actions = input.actions
    .slice(0, max)
    .map(
      (a) =>
        `${a.action} (${fr ? 'priorité' : 'priority'} ${PRIORITY[a.priority][lang]}): ${a.expectedImpact}`,
    );

  const weekEndMs = input.weekStartMs + WEEK_MS;
  const period = fr
    ? `Semaine du ${day(input.weekStartMs, lang)} au ${day(weekEndMs - 1, lang)}`
    : `Week of ${day(input.weekStartMs, lang)} to ${day(weekEndMs - 1, lang)}`;
  const section = (title: string, items: string[], none: string) =>
    `## ${title}\n\n${items.length ? items.map((x) => `- ${x}`).join('\n') : `- ${none}`}\n`;
  const numbers = keyNumbers.map((k) => {
    const v = withUnit(k.value, k.unit, lang);
    const ch =
      k.change === null
        ? ''
        : fr
          ? ` (${pct(k.change, lang)} sur une semaine)`
          : ` (${pct(k.change, lang)} week on week)`;
    return `${k.label}: ${v}${ch}`;
  });
  const text = [
    `# ${fr ? 'Synthèse hebdomadaire' : 'Weekly briefing'}: ${period}\n`,
    section(
      fr ? 'Chiffres clés' : 'Key numbers',
      numbers,
      fr ? 'pas de données cette semaine' : 'no data this week',
    ),
    section(
      fr ? 'Principaux changements' : 'Top changes',
      topChanges,
      fr ? 'rien d’inhabituel' : 'nothing unusual',
    ),
    section(fr ? 'Risques' : 'Risks', risks, fr ? 'aucun risque ouvert' : 'no open risk'),
    section(
      fr ? 'Actions recommandées' : 'Recommended actions',
      actions,
      fr ? 'aucune action en attente' : 'no pending action',
    ),
  ].join('\n');
  return {
    weekStart: new Date(input.weekStartMs).toISOString(),
    weekEnd: new Date(weekEndMs).toISOString(),
    language: lang,
    text,
    keyNumbers,
    topChanges,
    risks,
    actions,
  };
}

/** Monday 00:00 UTC of the week containing `ms`. */
export function weekStartOf(ms: number): number {
  const d = new Date(ms);
  const dayIndex = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - dayIndex * 86_400_000;
}
