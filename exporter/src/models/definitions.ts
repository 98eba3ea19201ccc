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
 * derived, so they exist too when only the counts are sent as points. Not declared because no data source
 * of the project writes them: ROAS (no revenue per campaign), MRR, ARPU and churn (no subscription data),
 * engagement (no activity data); docs/models.md shows such models as files.
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
    ],
  },
];

export function findModel(name: string): ModelConfig | undefined {
  return BUILT_IN_MODELS.find((m) => m.name === name);
}
