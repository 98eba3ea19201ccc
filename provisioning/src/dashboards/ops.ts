import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { baseDashboard, insightAnnotations, labelVariable, orgVariable } from './common';
import { insightsPanel, kpiLensTimeseries, Layout, promBarGauge, promStat, promTimeseries } from './panels';

/** A dimension of a model's series: its dimension key (API) and Prometheus label (kpi_value). */
interface Dimension {
  key: string;
  label: string;
  title: string;
}

interface OpsSpec {
  uid: 'marketing' | 'onboarding' | 'revenue';
  model: string;
  title: string;
  description: string;
  kpis: string[];
  /** The first one is the peer dimension: series of the same metric one value apart. */
  dimensions: Dimension[];
}

function selector(spec: OpsSpec, metric: string, peersOnly: boolean): string {
  const [peer, ...rest] = spec.dimensions;
  const dims = [
    `${peer.label}=~"$${peer.label}"`,
    ...(peersOnly ? [`${peer.label}!=""`] : []),
    // the per-peer series only: the finer ones (campaign within platform) are in the API
    ...rest.map((d) => `${d.label}=""`),
  ];
  return `{org=~"$org",model="${spec.model}",metric="${metric}",${dims.join(',')}}`;
}

/** An ops dashboard of one KPI model: the chosen KPI with its band and forecast, its peers, insights. */
export function opsDashboard(spec: OpsSpec): dashboard.DashboardBuilder {
  const [peer] = spec.dimensions;
  const dims = Object.fromEntries(spec.dimensions.map((d) => [d.key, `$${d.label}`]));
  const metric = '$metric';
  const l = new Layout()
    .row('$metric')
    .add(
      kpiLensTimeseries(
        '$metric with anomaly band',
        [{ queryType: 'anomalyBand', model: spec.model, metric, dimensions: dims, aggregation: 'avg' }],
        'short',
        'Observed values against the expected value and band of the anomaly detector; insights as annotations',
      ),
      16,
      9,
    )
    .add(
      kpiLensTimeseries(
        '$metric forecast (30 days)',
        [{ queryType: 'forecast', model: spec.model, metric, dimensions: dims, horizonDays: 30 }],
        'short',
        'Forecast with its prediction interval',
      ),
      8,
      9,
    )
    .row(`Peers by ${peer.title.toLowerCase()}`)
    .add(
      promTimeseries(
        `$metric by ${peer.title.toLowerCase()}`,
        [{ expr: `kpi_value${selector(spec, metric, true)}`, legend: `{{${peer.label}}}` }],
        'short',
        'Latest hourly value of each series, as scraped by Prometheus',
      ),
      10,
      8,
    )
    .add(
      promBarGauge(
        `$metric, latest by ${peer.title.toLowerCase()}`,
        `max by (${peer.label}) (kpi_value${selector(spec, metric, true)})`,
        `{{${peer.label}}}`,
        'short',
        'Peers side by side: one departing from the others is a peer outlier',
      ),
      7,
      8,
    )
    .add(
      promTimeseries(
        'Anomaly score',
        [
          {
            expr: `max by (${peer.label}) (kpi_anomaly_score${selector(spec, metric, true)})`,
            legend: `{{${peer.label}}}`,
          },
        ],
        'percentunit',
        'Anomaly score in [0, 1] of each series (1 = certainly anomalous)',
      ).max(1),
      7,
      8,
    )
    .row('Insights and recommendations')
    .add(
      promStat('Open insights', `sum by (severity) (kpi_insights_active{model="${spec.model}"})`, 'short', {
        legend: '{{severity}}',
        description: 'Insights not resolved yet, by severity',
      }),
      24,
      4,
    )
    .add(
      insightsPanel('Insights', 'insights', { queryType: 'insights', model: spec.model, status: 'active' }),
      12,
      12,
    )
    .add(
      insightsPanel('Recommendations', 'recommendations', {
        queryType: 'recommendations',
        model: spec.model,
        status: 'pending',
      }),
      12,
      12,
    );
  const d = baseDashboard(spec.uid, spec.title, spec.description)
    .time({ from: 'now-14d', to: 'now' })
    .refresh('1m')
    .withVariable(orgVariable())
    .withVariable(
      new dashboard.CustomVariableBuilder('metric')
        .label('KPI')
        .values(spec.kpis.join(','))
        .current({ text: spec.kpis[0], value: spec.kpis[0] }),
    )
    .annotation(insightAnnotations(spec.model));
  for (const dim of spec.dimensions)
    d.withVariable(
      labelVariable(dim.label, dim.title, `label_values(kpi_value{model="${spec.model}"}, ${dim.label})`),
    );
  return l.into(d);
}

export const marketingDashboard = () =>
  opsDashboard({
    uid: 'marketing',
    model: 'marketing',
    title: 'KPI Lens / Marketing',
    description: 'Paid acquisition per platform and campaign: CTR, CPC, CPL, conversion rate',
    kpis: ['ctr', 'cpc', 'cpl', 'conversion_rate', 'conversions', 'clicks', 'impressions', 'cost'],
    dimensions: [
      { key: 'platform', label: 'platform', title: 'Platform' },
      { key: 'campaignId', label: 'campaign_id', title: 'Campaign' },
    ],
  });

export const onboardingDashboard = () =>
  opsDashboard({
    uid: 'onboarding',
    model: 'onboarding',
    title: 'KPI Lens / Onboarding',
    description: 'Signup funnel per acquisition source',
    kpis: ['signup_completion_rate', 'time_to_complete_seconds', 'signups_started', 'signups_completed'],
    dimensions: [{ key: 'source', label: 'source', title: 'Source' }],
  });

export const revenueDashboard = () =>
  opsDashboard({
    uid: 'revenue',
    model: 'revenue',
    title: 'KPI Lens / Revenue ops',
    description: 'Payments, failures and revenue per payment method and plan',
    kpis: [
      'payment_failure_rate',
      'payment_success_rate',
      'payments',
      'payments_failed',
      'revenue',
      'refunds',
    ],
    dimensions: [
      { key: 'method', label: 'method', title: 'Method' },
      { key: 'plan', label: 'plan', title: 'Plan' },
    ],
  });
