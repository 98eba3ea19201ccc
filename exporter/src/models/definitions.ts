import type { KpiDefinition } from '@kpilens/contract';

/**
 * A KPI model as data: which stored metrics it analyses and which way each is good. Built-in models are
 * declared here; a user model is the same shape (a config file, no code). Derived KPIs, targets and peer
 * comparisons are later fields of this shape; the runner (runner.ts) only needs the KPI list today.
 */
export interface KpiModelDefinition {
  name: string;
  description: string;
  kpis: KpiDefinition[];
}

const kpi = (
  metric: string,
  description: string,
  goodDirection?: 'up' | 'down',
  unit?: string,
): KpiDefinition => ({
  metric,
  description,
  ...(goodDirection ? { goodDirection } : {}),
  ...(unit ? { unit } : {}),
});

// Metric names are the ones the demo generator and the events derivation write (docs/demo.md, docs/events.md).
export const BUILT_IN_MODELS: readonly KpiModelDefinition[] = [
  {
    name: 'marketing',
    description: 'Paid acquisition per platform and campaign: reach, engagement, cost and conversions',
    kpis: [
      kpi('impressions', 'Ad impressions per hour', 'up'),
      kpi('clicks', 'Ad clicks per hour', 'up'),
      kpi('ctr', 'Click-through rate', 'up', '%'),
      kpi('cpc', 'Cost per click', 'down', 'EUR'),
      kpi('cost', 'Ad spend per hour', undefined, 'EUR'),
      kpi('conversions', 'Conversions per hour', 'up'),
      kpi('conversion_rate', 'Conversions per click', 'up', '%'),
      kpi('cpl', 'Cost per conversion (lead)', 'down', 'EUR'),
    ],
  },
  {
    name: 'onboarding',
    description: 'Signup funnel per acquisition source',
    kpis: [
      kpi('signups_started', 'Signups started per hour', 'up'),
      kpi('signups_completed', 'Signups completed per hour', 'up'),
      kpi('signup_completion_rate', 'Share of started signups that complete', 'up', '%'),
      kpi('time_to_complete_seconds', 'Mean time from signup start to completion', 'down', 's'),
    ],
  },
  {
    name: 'revenue',
    description: 'Payments, failures and revenue per method and plan',
    kpis: [
      kpi('payments', 'Payment events per hour'),
      kpi('payments_succeeded', 'Successful payments per hour', 'up'),
      kpi('payments_failed', 'Failed payments per hour', 'down'),
      kpi('payment_success_rate', 'Share of attempts that succeed', 'up', '%'),
      kpi('payment_failure_rate', 'Share of attempts that fail', 'down', '%'),
      kpi('revenue', 'Revenue of successful payments per hour', 'up'),
      kpi('refunds', 'Refunded amounts per hour', 'down'),
    ],
  },
];

export function findModel(name: string): KpiModelDefinition | undefined {
  return BUILT_IN_MODELS.find((m) => m.name === name);
}
