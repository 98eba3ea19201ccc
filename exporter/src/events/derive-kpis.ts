import { seriesKey, type NormalizedPoint } from '../ingest/normalize-points';

/**
 * Derivation rules: per-bucket event aggregates (computed by SQL from the stored events) become KPI points.
 * Ratios are computed here from the bucket's sums, never averaged from per-event ratios, and a ratio with
 * a zero denominator is left out rather than written as 0.
 */

/** Hourly buckets: derived points are stamped with the start of their hour. */
export const BUCKET_MS = 3600_000;

export const MODELS = { marketing: 'marketing', onboarding: 'onboarding', revenue: 'revenue' } as const;

interface Bucketed {
  /** bucket start, epoch ms */
  bucket: number;
  /** the dimensions of this grouping (a grouping set leaves out the dimensions it rolls up) */
  dims: Record<string, string>;
}

export interface MarketingAggregate extends Bucketed {
  impressions: number;
  clicks: number;
  conversions: number;
  cost: number;
}

export interface OnboardingAggregate extends Bucketed {
  /** signups started in the bucket */
  started: number;
  /** of those, how many users completed (whenever they did) */
  completed: number;
  /** mean seconds from start to first completion over the completed ones; null when none */
  avgSecondsToComplete: number | null;
}

export interface RevenueAggregate extends Bucketed {
  payments: number;
  succeeded: number;
  failed: number;
  refunded: number;
  /** sum of succeeded amounts (only meaningful when dims has a currency) */
  revenue: number;
  /** sum of refunded amounts (only meaningful when dims has a currency) */
  refunds: number;
}

function point(
  model: string,
  metric: string,
  dims: Record<string, string>,
  ts: number,
  value: number,
): NormalizedPoint {
  return { seriesKey: seriesKey(model, metric, dims), model, metric, dimensions: dims, ts, value };
}

/** 100 * a / b, or undefined when b is 0. */
function percent(a: number, b: number): number | undefined {
  return b > 0 ? (100 * a) / b : undefined;
}

function ratio(a: number, b: number): number | undefined {
  return b > 0 ? a / b : undefined;
}

function emit(
  out: NormalizedPoint[],
  model: string,
  r: Bucketed,
  values: Record<string, number | undefined>,
): void {
  for (const [metric, v] of Object.entries(values))
    if (v !== undefined && Number.isFinite(v)) out.push(point(model, metric, r.dims, r.bucket, v));
}

/** impressions, clicks, conversions, cost; ctr and conversion rate in %, cpc and cpl in cost units. */
export function deriveMarketing(rows: MarketingAggregate[]): NormalizedPoint[] {
  const out: NormalizedPoint[] = [];
  for (const r of rows)
    emit(out, MODELS.marketing, r, {
      impressions: r.impressions,
      clicks: r.clicks,
      conversions: r.conversions,
      cost: r.cost,
      ctr: percent(r.clicks, r.impressions),
      cpc: ratio(r.cost, r.clicks),
      cpl: ratio(r.cost, r.conversions),
      conversion_rate: percent(r.conversions, r.clicks),
    });
  return out;
}

/** Signups counted in the hour they started; completion rate = completed / started in %. */
export function deriveOnboarding(rows: OnboardingAggregate[]): NormalizedPoint[] {
  const out: NormalizedPoint[] = [];
  for (const r of rows)
    emit(out, MODELS.onboarding, r, {
      signups_started: r.started,
      signups_completed: r.completed,
      signup_completion_rate: percent(r.completed, r.started),
      time_to_complete_seconds: r.completed > 0 ? (r.avgSecondsToComplete ?? undefined) : undefined,
    });
  return out;
}

/**
 * Groupings with a currency carry money (revenue, refunds: amounts in different currencies never add up);
 * groupings without one carry counts and rates. Success and failure rates are over attempts (succeeded +
 * failed): a refund is a later event about a payment that succeeded, not an attempt.
 */
export function deriveRevenue(rows: RevenueAggregate[]): NormalizedPoint[] {
  const out: NormalizedPoint[] = [];
  for (const r of rows) {
    if (r.dims.currency !== undefined) {
      emit(out, MODELS.revenue, r, { revenue: r.revenue, refunds: r.refunds });
      continue;
    }
    const attempts = r.succeeded + r.failed;
    emit(out, MODELS.revenue, r, {
      payments: r.payments,
      payments_succeeded: r.succeeded,
      payments_failed: r.failed,
      payments_refunded: r.refunded,
      payment_success_rate: percent(r.succeeded, attempts),
      payment_failure_rate: percent(r.failed, attempts),
    });
  }
  return out;
}
