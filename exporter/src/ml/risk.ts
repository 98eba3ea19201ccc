// What finance ops see for one account: the model's probability turned into a risk level, badge,
// colour, confidence, expected payment date and the three factors that moved the score most.
import { FEATURE_NAMES, WINDOW_DAYS, featureRecord } from './features';
import type { Contribution } from './treeshap';

export type RiskLevel = 'EXCELLENT' | 'GOOD' | 'MEDIUM' | 'RISKY' | 'CRITICAL' | 'UNKNOWN';

export interface RiskStyle {
  level: RiskLevel;
  badge: string;
  /** Grafana palette colour. */
  color: string;
  /** Lowest probability of paying on time at this level. */
  minProbability: number;
}

/** Levels from best to worst; the first whose floor the probability reaches applies. */
export const RISK_LEVELS: readonly RiskStyle[] = [
  { level: 'EXCELLENT', badge: '🟢', color: '#73BF69', minProbability: 0.9 },
  { level: 'GOOD', badge: '🟡', color: '#FADE2A', minProbability: 0.8 },
  { level: 'MEDIUM', badge: '🟠', color: '#FF9830', minProbability: 0.65 },
  { level: 'RISKY', badge: '🔴', color: '#F2495C', minProbability: 0.45 },
  { level: 'CRITICAL', badge: '⚫', color: '#C4162A', minProbability: 0 },
];

export const UNKNOWN_RISK: RiskStyle = {
  level: 'UNKNOWN',
  badge: '⚪',
  color: '#8E8E8E',
  minProbability: NaN,
};

/** Fewer invoices due in the last 90 days than this and the account's history is too short to score. */
export const MIN_DUE_INVOICES = 2;
const HISTORY_FEATURE = 'invoices_due_90d';
// Without any lateness on record, a late payment is assumed to take about one billing month.
const DEFAULT_LATE_DAYS = 30;
const DAY_MS = 86_400_000;

export function riskStyle(probability: number, invoicesDue90d: number): RiskStyle {
  if (!(invoicesDue90d >= MIN_DUE_INVOICES) || !Number.isFinite(probability)) return UNKNOWN_RISK;
  return RISK_LEVELS.find((s) => probability >= s.minProbability) ?? RISK_LEVELS[RISK_LEVELS.length - 1];
}

/**
 * How much to trust the score, 0..1: grows with the invoices seen (full at three due in 90 days)
 * and with how far the probability is from a coin toss. A heuristic for display, not a statistic.
 */
export function confidence(probability: number, invoicesDue90d: number): number {
  const history = Math.min(1, Math.max(0, invoicesDue90d) / 3);
  const decisiveness = Math.abs(probability - 0.5) * 2;
  return Math.round(history * (0.5 + 0.5 * decisiveness) * 100) / 100;
}

/**
 * Due date pushed back by the expected delay: the probability of being late times the account's
 * longest recent delay (or a month when it has never been late).
 */
export function expectedPaymentDate(dueAt: Date, probability: number, maxDaysLate90d: number): Date {
  const typical = Number.isFinite(maxDaysLate90d) && maxDaysLate90d > 0 ? maxDaysLate90d : DEFAULT_LATE_DAYS;
  const days = Math.round((1 - probability) * typical);
  return new Date(dueAt.getTime() + days * DAY_MS);
}

const money = (v: number) => Math.round(v).toLocaleString('en-US');
const pct = (v: number) => `${Math.round(v * 100)}%`;
const days = (v: number) => `${Math.round(v)} day${Math.round(v) === 1 ? '' : 's'}`;

type Describe = (v: number) => string;
const windowed: Record<string, (w: number) => Describe> = {
  on_time_ratio: (w) => (v) => `${pct(v)} of invoices due in the last ${w} days paid on time`,
  avg_days_late: (w) => (v) => `invoices due in the last ${w} days paid ${days(v)} late on average`,
  max_days_late: (w) => (v) => `longest delay in the last ${w} days: ${days(v)}`,
  missed_invoices: (w) => (v) => `${v} invoice${v === 1 ? '' : 's'} due in the last ${w} days still unpaid`,
  invoices_due: (w) => (v) => `${v} invoice${v === 1 ? '' : 's'} due in the last ${w} days`,
  paid_to_billed: (w) => (v) => `paid ${pct(v)} of the amount billed in the last ${w} days`,
};

const DESCRIPTIONS: Record<string, Describe> = {
  ...Object.fromEntries(
    WINDOW_DAYS.flatMap((w) => Object.entries(windowed).map(([name, d]) => [`${name}_${w}d`, d(w)])),
  ),
  paid_to_billed_trend: (v) =>
    `payment ratio ${v >= 0 ? 'up' : 'down'} ${pct(Math.abs(v))} in the last 30 days`,
  current_late_streak: (v) => `${v} late invoice${v === 1 ? '' : 's'} in a row`,
  days_overdue_now: (v) => (v > 0 ? `oldest unpaid invoice ${days(v)} overdue` : 'nothing overdue'),
  open_overdue_invoices: (v) => `${v} overdue invoice${v === 1 ? '' : 's'} open`,
  outstanding_balance: (v) => `outstanding balance ${money(v)}`,
  billed_90d: (v) => `billed ${money(v)} in the last 90 days`,
  paid_90d: (v) => `paid ${money(v)} in the last 90 days`,
  next_invoice_amount: (v) => `next invoice of ${money(v)}`,
  next_invoice_to_avg_90d: (v) => `next invoice ${v.toFixed(1)}x the recent average`,
  days_since_last_payment: (v) => `last payment ${days(v)} ago`,
  credit_limit: (v) => `credit limit ${money(v)}`,
  outstanding_to_limit: (v) => `outstanding balance at ${pct(v)} of the credit limit`,
  next_invoice_to_limit: (v) => `next invoice at ${pct(v)} of the credit limit`,
  tenure_days: (v) => `customer for ${days(v)}`,
};

const MISSING: Record<string, string> = {
  days_since_last_payment: 'no payment in the last 90 days',
  credit_limit: 'no credit limit on record',
  next_invoice_amount: 'no upcoming invoice',
};

/** Human text for one feature value. */
export function describeFeature(name: string, value: number): string {
  const describe = DESCRIPTIONS[name];
  if (!describe) throw new Error(`no description for feature ${name}`);
  if (Number.isNaN(value)) return MISSING[name] ?? `${name.replace(/_/g, ' ')}: no data`;
  return describe(value);
}

export interface Factor {
  feature: string;
  value: number;
  /** Shift of the log-odds of paying on time. */
  contribution: number;
  direction: 'raises' | 'lowers';
  message: string;
}

export function factors(features: readonly number[], top: readonly Contribution[]): Factor[] {
  const named = featureRecord(features);
  return top.map((c) => {
    const direction = c.value > 0 ? 'raises' : 'lowers';
    const text = describeFeature(c.feature, named[c.feature]);
    return {
      feature: c.feature,
      value: named[c.feature],
      contribution: c.value,
      direction,
      message: `${text[0].toUpperCase()}${text.slice(1)}: ${direction} the chance of paying on time`,
    };
  });
}

export interface RiskAssessment {
  probability: number;
  level: RiskLevel;
  badge: string;
  color: string;
  confidence: number;
  expectedPaymentDate?: Date;
  factors: Factor[];
}

/** The assessment of one account from its features, probability and top contributions. */
export function assessRisk(
  features: readonly number[],
  probability: number,
  top: readonly Contribution[],
  nextDueAt?: Date,
): RiskAssessment {
  const named = featureRecord(features);
  const due = named[HISTORY_FEATURE];
  const style = riskStyle(probability, due);
  return {
    probability,
    level: style.level,
    badge: style.badge,
    color: style.color,
    confidence: style.level === 'UNKNOWN' ? 0 : confidence(probability, due),
    expectedPaymentDate:
      nextDueAt && style.level !== 'UNKNOWN'
        ? expectedPaymentDate(nextDueAt, probability, named.max_days_late_90d)
        : undefined,
    factors: factors(features, top),
  };
}

/** Every builder feature must be describable: checked by tests so a new feature cannot go unexplained. */
export const DESCRIBED_FEATURES = FEATURE_NAMES.filter((n) => n in DESCRIPTIONS);
