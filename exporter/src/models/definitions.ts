import type { KpiDefinition, ModelConfig } from '@kpilens/contract';

const kpi = (
  metric: string,
  description: string,
  more: Partial<Omit<KpiDefinition, 'metric' | 'description'>> = {},
): KpiDefinition => ({ metric, description, ...more });

const ratio = (numerator: string, denominator: string, scale?: number) => ({
  derived: { numerator, denominator, ...(scale ? { scale } : {}) },
});

/**
 * The built-in KPI models, as data (the same shape as a file of KPILENS_MODELS_DIR). Metric names are those
 * the events derivation and the demo generator write (docs/events.md, docs/demo.md); ratios are declared
 * derived, so they exist too when only the counts are sent as points. Attributed revenue (ROAS),
 * subscriptions (MRR, subscribers, churn) and engagement (DAU, MAU) are sent as points (the demo writes
 * them).
 */
export const BUILT_IN_MODELS: readonly ModelConfig[] = [
  {
    name: 'marketing',
    description: 'Paid acquisition per platform and campaign: reach, engagement, cost and conversions',
    kpis: [
      kpi('impressions', 'Ad impressions per hour', { goodDirection: 'up', peerDimension: 'platform' }),
      kpi('clicks', 'Ad clicks per hour', { goodDirection: 'up', peerDimension: 'platform' }),
      kpi('ctr', 'Click-through rate', {
        goodDirection: 'up',
        unit: '%',
        peerDimension: 'platform',
        ...ratio('clicks', 'impressions', 100),
      }),
      kpi('cpc', 'Cost per click', {
        goodDirection: 'down',
        unit: 'EUR',
        peerDimension: 'platform',
        ...ratio('cost', 'clicks'),
      }),
      kpi('cost', 'Ad spend per hour', { unit: 'EUR' }),
      kpi('conversions', 'Conversions per hour', { goodDirection: 'up', peerDimension: 'platform' }),
      kpi('conversion_rate', 'Conversions per click', {
        goodDirection: 'up',
        unit: '%',
        peerDimension: 'platform',
        ...ratio('conversions', 'clicks', 100),
      }),
      kpi('cpl', 'Cost per conversion (lead)', {
        goodDirection: 'down',
        unit: 'EUR',
        peerDimension: 'platform',
        ...ratio('cost', 'conversions'),
      }),
      kpi('conversion_value', 'Revenue attributed to the conversions per hour', {
        goodDirection: 'up',
        unit: 'EUR',
        peerDimension: 'platform',
      }),
      kpi('roas', 'Return on ad spend: attributed revenue per euro spent', {
        goodDirection: 'up',
        peerDimension: 'platform',
        ...ratio('conversion_value', 'cost'),
      }),
    ],
  },
  {
    name: 'onboarding',
    description: 'Signup funnel per acquisition source',
    kpis: [
      kpi('signups_started', 'Signups started per hour', { goodDirection: 'up' }),
      kpi('signups_completed', 'Signups completed per hour', { goodDirection: 'up' }),
      kpi('signup_completion_rate', 'Share of started signups that complete (drop-off = 100 - it)', {
        goodDirection: 'up',
        unit: '%',
        peerDimension: 'source',
        ...ratio('signups_completed', 'signups_started', 100),
      }),
      kpi('time_to_complete_seconds', 'Mean time from signup start to completion', {
        goodDirection: 'down',
        unit: 's',
        peerDimension: 'source',
      }),
    ],
  },
  {
    name: 'revenue',
    description: 'Payments, failures and revenue per method and plan',
    kpis: [
      kpi('payments', 'Payment events per hour'),
      kpi('payments_succeeded', 'Successful payments per hour', { goodDirection: 'up' }),
      kpi('payments_failed', 'Failed payments per hour', { goodDirection: 'down' }),
      kpi('payment_success_rate', 'Share of attempts that succeed', { goodDirection: 'up', unit: '%' }),
      kpi('payment_failure_rate', 'Share of attempts that fail', {
        goodDirection: 'down',
        unit: '%',
        peerDimension: 'method',
      }),
      kpi('revenue', 'Revenue of successful payments per hour', { goodDirection: 'up' }),
      kpi('refunds', 'Refunded amounts per hour', { goodDirection: 'down' }),
      kpi('mrr', 'Monthly recurring revenue of the active subscriptions', {
        goodDirection: 'up',
        unit: 'EUR',
        peerDimension: 'plan',
        target: { value: 9_000_000, dimensions: { currency: 'EUR' }, horizonDays: 90 },
      }),
      kpi('active_subscribers', 'Subscriptions active at the hour', {
        goodDirection: 'up',
        peerDimension: 'plan',
      }),
      kpi('churned_subscribers', 'Subscriptions cancelled in the hour', { goodDirection: 'down' }),
      kpi('arpu', 'Average revenue per subscriber (MRR / active subscribers)', {
        goodDirection: 'up',
        unit: 'EUR',
        ...ratio('mrr', 'active_subscribers'),
      }),
      kpi('churn_rate', "Subscriptions cancelled in 30 days at the hour's pace, % of the active ones", {
        goodDirection: 'down',
        unit: '%',
        ...ratio('churned_subscribers', 'active_subscribers', 72_000),
        target: { value: 3, dimensions: { currency: 'EUR' }, horizonDays: 30 },
      }),
    ],
  },
  {
    name: 'engagement',
    description: 'Active users per app and how often they come back',
    kpis: [
      kpi('daily_active_users', 'Users active in the last 24 hours', {
        goodDirection: 'up',
        peerDimension: 'app',
      }),
      kpi('monthly_active_users', 'Users active in the last 30 days', {
        goodDirection: 'up',
        peerDimension: 'app',
      }),
      kpi('stickiness', 'Daily active users as a share of monthly active users', {
        goodDirection: 'up',
        unit: '%',
        peerDimension: 'app',
        ...ratio('daily_active_users', 'monthly_active_users', 100),
        target: { value: 20, horizonDays: 30 },
      }),
    ],
  },
];

export function findModel(name: string): ModelConfig | undefined {
  return BUILT_IN_MODELS.find((m) => m.name === name);
}
