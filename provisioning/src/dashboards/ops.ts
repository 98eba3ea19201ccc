import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { baseDashboard, insightAnnotations, labelVariable, orgVariable } from './common';
import { insightsPanel, kpiLensTimeseries, Layout, promBarGauge, promStat, promTimeseries } from './panels';

/** A dimension of a model's series: its dimension key (API) and Prometheus label (kpi_value). */
interface Dimension {
  key: string;
  label: string;
  title: string;
  /** Series of this dimension also carry the peer dimension (a campaign runs on a platform). */
  withinPeer?: boolean;
}

interface OpsSpec {
  uid: 'marketing' | 'onboarding' | 'revenue';
  model: string;
  title: string;
  description: string;
  kpis: string[];
  /** The first one is the peer dimension (series of one metric, one value apart); the others break it down. */
  dimensions: Dimension[];
}

/** The series of one metric per value of `by`, within the selected values of every dimension. */
function selector(spec: OpsSpec, metric: string, by: Dimension): string {
  const peer = spec.dimensions[0];
  const matchers = spec.dimensions.map((d) =>
    d === by || (d === peer && by.withinPeer) ? `${d.label}=~"$${d.label}"` : `${d.label}=""`,
  );
  // per `by` only: finer series (a campaign within a platform) are left to the API
  matchers.push(`${by.label}!=""`);
  return `{org=~"$org",model="${spec.model}",metric="${metric}",${[...new Set(matchers)].join(',')}}`;
}

/** An ops dashboard of one KPI model: the chosen KPI with its band and forecast, its peers, insights. */
export function opsDashboard(spec: OpsSpec): dashboard.DashboardBuilder {
  const [peer, ...breakdowns] = spec.dimensions;
  const lower = (d: Dimension) => d.title.toLowerCase();
  // the datasource fans a multi-value variable out to one request per value
  const dimensions = [{ key: peer.key, value: `$${peer.label}` }];
  // the peers' own series only, not also each campaign or plan within them (`key=`: without it)
  const onlyPeers = breakdowns.map((d) => `${d.key}=`).join(', ') || undefined;
  const metric = '$metric';
  const peers = selector(spec, metric, peer);
  const l = new Layout()
    .row('$metric')
    .add(
      kpiLensTimeseries(
        `$metric by ${lower(peer)}, with anomaly band`,
        [{ queryType: 'anomalyBand', model: spec.model, metric, dimensions, selector: onlyPeers }],
        'short',
        'Observed values against the expected value and band of the anomaly detector; insights as annotations',
      ),
      16,
      9,
    )
    .add(
      kpiLensTimeseries(
        '$metric forecast',
        [
          {
            queryType: 'forecast',
            model: spec.model,
            metric,
            dimensions,
            selector: onlyPeers,
            horizonDays: 30,
            forecastInterval: true,
          },
        ],
        'short',
        'Forecast 30 days ahead with its prediction interval',
      ),
      8,
      9,
    )
    .row(`Peers by ${lower(peer)}`)
    .add(
      promTimeseries(
        `$metric by ${lower(peer)}`,
        [{ expr: `kpi_value${peers}`, legend: `{{org}} {{${peer.label}}}` }],
        'short',
        'Latest hourly value of each series, as scraped by Prometheus',
      ),
      12,
      8,
    )
    .add(
      promBarGauge(
        `$metric, latest by ${lower(peer)}`,
        `max by (${peer.label}) (kpi_value${peers})`,
        `{{${peer.label}}}`,
        'short',
        'Peers side by side: one departing from the others is a peer outlier',
      ),
      6,
      8,
    )
    .add(
      promTimeseries(
        'Anomaly score',
        [{ expr: `max by (${peer.label}) (kpi_anomaly_score${peers})`, legend: `{{${peer.label}}}` }],
        'percentunit',
        'Anomaly score in [0, 1] of each series at the last analysis (1 = certainly anomalous)',
      ).max(1),
      6,
      8,
    );
  for (const d of breakdowns)
    l.add(
      promTimeseries(
        `$metric by ${lower(d)}`,
        [
          {
            expr: `kpi_value${selector(spec, metric, d)}`,
            legend: d.withinPeer ? `{{org}} {{${peer.label}}} {{${d.label}}}` : `{{org}} {{${d.label}}}`,
          },
        ],
        'short',
        `Latest hourly value per ${lower(d)}`,
      ),
      12,
      8,
    );
  l.add(
    promBarGauge(
      'Forecast 7, 30 and 90 days ahead',
      `max by (${peer.label}, horizon) (kpi_forecast{org=~"$org",model="${spec.model}",metric="$metric",${peer.label}=~"$${peer.label}",${peer.label}!="",bound="yhat"})`,
      `{{${peer.label}}} +{{horizon}}`,
      'short',
      'Expected value of each series at each horizon, from the last analysis',
    ),
    12,
    8,
  )
    .row('Insights and recommendations')
    .add(
      // none open shows 0, not "no data" (the exporter only reports severities with open insights)
      promStat(
        'Open insights',
        `sum by (severity) (kpi_insights_active{model="${spec.model}"}) or on() vector(0)`,
        'short',
        {
          legend: '{{severity}}',
          description: 'Insights not resolved yet, by severity',
        },
      ),
      24,
      4,
    )
    .add(
      insightsPanel('Insights', 'insights', {
        queryType: 'insights',
        model: spec.model,
        insightStatus: 'active',
      }),
      12,
      12,
    )
    .add(
      insightsPanel('Recommendations', 'recommendations', {
        queryType: 'recommendations',
        model: spec.model,
        recommendationStatus: 'pending',
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
      { key: 'campaignId', label: 'campaign_id', title: 'Campaign', withinPeer: true },
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
