import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { baseDashboard, orgVariable } from './common';
import {
  insightsPanel,
  kpiLensStat,
  kpiLensTimeseries,
  Layout,
  promBarGauge,
  promPie,
  promStat,
} from './panels';

/** A subscription KPI of the revenue model, all plans together (in EUR, the demo's currency). */
const SUBSCRIPTIONS = (metric: string) =>
  `kpi_value{org=~"$org",model="revenue",metric="${metric}",currency="EUR",plan=""}`;

/**
 * The executive overview: a few large figures, readable from across a room. Read-only; history comes from
 * the KPI Lens datasource (months of data), the current state from Prometheus.
 */
export function executiveDashboard(): dashboard.DashboardBuilder {
  // the organization's total in EUR: without method or plan, which are the same revenue broken down
  const revenue = {
    model: 'revenue',
    metric: 'revenue',
    dimensions: [{ key: 'currency', value: 'EUR' }],
    selector: 'method=, plan=',
  };
  const l = new Layout()
    .add(
      kpiLensStat(
        'Revenue, last 30 days',
        { queryType: 'series', ...revenue, aggregation: 'sum', interval: '30d' },
        'currencyEUR',
        'Revenue of successful payments over the last 30 days',
      ).timeFrom('30d'),
      4,
      6,
    )
    .add(
      promStat('MRR', `sum(${SUBSCRIPTIONS('mrr')})`, 'currencyEUR', {
        description: 'Monthly recurring revenue of the active subscriptions, all plans',
      }),
      4,
      6,
    )
    .add(
      promStat('Churn rate', `max(avg_over_time(${SUBSCRIPTIONS('churn_rate')}[1d]))`, 'percent', {
        description:
          'Share of subscribers cancelling within 30 days at the pace of the last 24 hours (an hour alone is too few cancellations; the organization with the highest rate)',
        thresholds: [
          [null, 'green'],
          [3, 'orange'],
          [5, 'red'],
        ],
      }),
      4,
      6,
    )
    .add(
      promStat('Revenue at risk', 'sum(kpilens:revenue_at_risk:high{org=~"$org"})', 'currencyEUR', {
        description: 'Upcoming invoices of accounts whose latest payment-risk level is RISKY or CRITICAL',
        thresholds: [
          [null, 'green'],
          [10000, 'orange'],
          [50000, 'red'],
        ],
      }),
      4,
      6,
    )
    .add(
      promStat(
        'Critical accounts',
        'sum(ml_accounts_by_risk_level{org=~"$org",risk_level="CRITICAL"})',
        'short',
        { description: 'Accounts whose latest payment-risk level is CRITICAL' },
      ),
      4,
      6,
    )
    .add(
      promStat('Critical insights', 'sum(kpi_insights_active{severity="critical"}) or vector(0)', 'short', {
        description: 'Open critical insights across the KPI models',
        thresholds: [
          [null, 'green'],
          [1, 'red'],
        ],
      }),
      4,
      6,
    )
    .add(
      kpiLensTimeseries(
        'Revenue per day and its growth',
        [{ queryType: 'series', ...revenue, aggregation: 'sum', interval: '1d' }],
        'currencyEUR',
        'Daily revenue over the last 90 days',
      )
        .timeFrom('90d')
        .interval('1d'),
      12,
      9,
    )
    .add(
      promPie(
        'Accounts by payment-risk level',
        'sum by (risk_level) (ml_accounts_by_risk_level{org=~"$org"})',
        '{{risk_level}}',
        'short',
        'Risk distribution of the accounts (latest score of each)',
      ),
      6,
      9,
    )
    .add(
      promBarGauge(
        'Signup completion',
        'max by (source) (kpi_value{org=~"$org",model="onboarding",metric="signup_completion_rate",source!=""})',
        '{{source}}',
        'percent',
        'Share of started signups that complete, last hour, by source',
      ),
      6,
      9,
    )
    .add(
      promBarGauge(
        'MRR by plan',
        `sum by (plan) (${SUBSCRIPTIONS('mrr').replace('plan=""', 'plan!=""')})`,
        '{{plan}}',
        'currencyEUR',
        'Monthly recurring revenue of the active subscriptions, by plan',
      ),
      6,
      8,
    )
    .add(
      promBarGauge(
        'Conversion rate',
        'max by (platform) (kpi_value{org=~"$org",model="marketing",metric="conversion_rate",platform!="",campaign_id=""})',
        '{{platform}}',
        'percent',
        'Conversions per click, last hour, by platform',
      ),
      6,
      8,
    )
    .add(
      promBarGauge(
        'Cost per lead',
        'max by (platform) (kpi_value{org=~"$org",model="marketing",metric="cpl",platform!="",campaign_id=""})',
        '{{platform}}',
        'currencyEUR',
        'Cost per conversion, last hour, by platform',
      ),
      6,
      8,
    )
    .add(
      promBarGauge(
        'Payment failure rate',
        'max by (method) (kpi_value{org=~"$org",model="revenue",metric="payment_failure_rate",method!="",plan=""})',
        '{{method}}',
        'percent',
        'Share of payment attempts that fail, last hour, by method',
      ),
      6,
      8,
    )
    .add(
      insightsPanel(
        'Weekly briefing',
        'briefing',
        { queryType: 'briefing' },
        'Top changes, risks and actions',
      ),
      24,
      12,
    );
  return l.into(
    baseDashboard(
      'executive',
      'KPI Lens / Executive overview',
      'Revenue, growth, acquisition, risk and the weekly briefing',
    )
      .readonly()
      .time({ from: 'now-7d', to: 'now' })
      .refresh('5m')
      .withVariable(orgVariable()),
  );
}
