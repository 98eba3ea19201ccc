import { ALERT_FOLDER, DASHBOARD_UIDS } from '../datasources';
import type { AlertDefinition, AlertGroup } from './definition';

/** A definition whose panel is named by title; generate.ts resolves it to the panel id of the dashboard. */
export type BuiltInAlert = AlertDefinition & { panelTitle?: string };

const business: BuiltInAlert[] = [
  {
    uid: 'kpilens-kpi-anomaly-critical',
    title: 'Critical KPI anomaly',
    expr: 'max by (org, model, metric, platform, campaign_id, source, method, plan, currency) (kpi_anomaly_score)',
    comparison: 'gte',
    threshold: 0.9,
    for: '10m',
    severity: 'critical',
    team: 'growth',
    summary: '{{labels.model}} {{labels.metric}} is anomalous for {{labels.org}} (score {{value}})',
    description:
      'The anomaly score of {{labels.model}}/{{labels.metric}} (platform {{labels.platform}}, campaign ' +
      '{{labels.campaign_id}}, source {{labels.source}}, method {{labels.method}}, plan {{labels.plan}}) is ' +
      '{{value}}, at or above 0.9 for 10 minutes. Open the insight for the evidence.',
    runbook: 'kpi-anomaly.md',
    dashboardUid: DASHBOARD_UIDS.marketing,
    panelTitle: 'Anomaly score',
  },
  {
    uid: 'kpilens-payment-failure-spike',
    title: 'Payment failure spike',
    expr: 'max by (org, method) (kpi_value{model="revenue",metric="payment_failure_rate",method!="",plan=""})',
    comparison: 'gt',
    threshold: 10,
    for: '15m',
    severity: 'critical',
    team: 'payments',
    summary: '{{labels.method}} payments fail at {{value}} % for {{labels.org}}',
    description:
      'The failure rate of {{labels.method}} payments is {{value}} % in the current hour (above 10 % for ' +
      '15 minutes; usually 1 to 4 %). Check the payment provider of that method.',
    runbook: 'payment-failure-spike.md',
    dashboardUid: DASHBOARD_UIDS.executive,
    panelTitle: 'Payment failure rate',
  },
];

const paymentRisk: BuiltInAlert[] = [
  {
    uid: 'kpilens-revenue-at-risk-high',
    title: 'Revenue at risk high',
    expr: 'sum by (org) (kpilens:revenue_at_risk:high)',
    comparison: 'gt',
    threshold: 50000,
    for: '30m',
    severity: 'warning',
    team: 'finance',
    summary: 'Revenue at risk is {{value}} EUR for {{labels.org}}',
    description:
      'Upcoming invoices of RISKY and CRITICAL accounts add up to {{value}} EUR, above 50000 EUR. ' +
      'Review the risk board and start collection actions.',
    runbook: 'revenue-at-risk.md',
    dashboardUid: DASHBOARD_UIDS.paymentRisk,
    panelTitle: 'Revenue at risk by level',
  },
  {
    uid: 'kpilens-accounts-entering-critical',
    title: 'Accounts entering CRITICAL',
    // against the lowest count of the last hour (not `offset 1h`: that has no data in the first hour)
    expr:
      'sum by (org) (ml_accounts_by_risk_level{risk_level="CRITICAL"}) - ' +
      'sum by (org) (min_over_time(ml_accounts_by_risk_level{risk_level="CRITICAL"}[1h]))',
    comparison: 'gt',
    threshold: 0,
    for: '0s',
    severity: 'warning',
    team: 'finance',
    summary: '{{value}} more CRITICAL accounts than in the last hour for {{labels.org}}',
    description:
      'The number of accounts at payment-risk level CRITICAL is {{value}} above its lowest of the last hour. ' +
      'Contact them before their next invoice.',
    runbook: 'accounts-critical.md',
    dashboardUid: DASHBOARD_UIDS.paymentRisk,
    panelTitle: 'Accounts by risk level',
  },
  {
    uid: 'kpilens-model-drift',
    title: 'Payment-risk model drift',
    expr: 'max by (feature, model_version) (ml_feature_drift_psi)',
    comparison: 'gt',
    threshold: 0.25,
    for: '2h',
    severity: 'warning',
    team: 'data-science',
    summary: 'Feature {{labels.feature}} drifted (PSI {{value}}) for model {{labels.model_version}}',
    description:
      'The population stability index of {{labels.feature}} against the training data is {{value}} ' +
      '(above 0.25 means a significant shift). Scores may be off: check the data, consider retraining.',
    runbook: 'model-quality.md',
    dashboardUid: DASHBOARD_UIDS.paymentRisk,
    panelTitle: 'Feature drift (PSI)',
  },
  {
    uid: 'kpilens-model-auc-drop',
    title: 'Payment-risk model AUC drop',
    expr: 'min by (model_version) (ml_model_accuracy)',
    comparison: 'lt',
    threshold: 0.7,
    for: '1h',
    severity: 'warning',
    team: 'data-science',
    summary: 'Live AUC of model {{labels.model_version}} fell to {{value}}',
    description:
      'The realized ROC-AUC of the payment-risk predictions of the last 90 days is {{value}}, below 0.7. ' +
      'Compare with the model card; retrain or switch model version.',
    runbook: 'model-quality.md',
    dashboardUid: DASHBOARD_UIDS.paymentRisk,
    panelTitle: 'Live AUC',
  },
];

const exporter: BuiltInAlert[] = [
  {
    uid: 'kpilens-exporter-down',
    title: 'Exporter down',
    expr: 'up{job="kpilens"}',
    comparison: 'lt',
    threshold: 1,
    for: '2m',
    severity: 'critical',
    team: 'platform',
    summary: 'KPI Lens exporter {{labels.instance}} is down',
    description:
      'Prometheus could not scrape {{labels.instance}} for 2 minutes (up = {{value}}). Ingestion, analysis ' +
      'and the Grafana datasource depend on it.',
    runbook: 'exporter-down.md',
    dashboardUid: DASHBOARD_UIDS.exporterHealth,
    panelTitle: 'Exporter up',
    // no series at all (target gone from Prometheus) is down as well
    noData: 'Alerting',
  },
  {
    uid: 'kpilens-analysis-stale',
    title: 'KPI analysis stale',
    // not the recorded age: it lags one evaluation behind, depending on which rule group ran first
    expr: 'time() - max by (model) (kpi_analysis_last_run_timestamp_seconds)',
    comparison: 'gt',
    threshold: 10800,
    for: '10m',
    severity: 'warning',
    team: 'platform',
    summary: 'KPI model {{labels.model}} was last analysed {{value}} s ago',
    description:
      'The last analysis run of {{labels.model}} is {{value}} seconds old (more than 3 hours, the ' +
      'schedule is hourly): insights are out of date.',
    runbook: 'analysis-stale.md',
    dashboardUid: DASHBOARD_UIDS.exporterHealth,
    panelTitle: 'Since the last analysis run',
  },
  {
    uid: 'kpilens-analysis-failing',
    title: 'KPI analysis failing',
    expr: 'min by (model) (kpi_analysis_last_run_success)',
    comparison: 'lt',
    threshold: 1,
    for: '0s',
    severity: 'warning',
    team: 'platform',
    summary: 'The last analysis run of {{labels.model}} failed',
    description:
      'kpi_analysis_last_run_success is {{value}} for {{labels.model}}: the last run failed. The exporter log ' +
      'says why.',
    runbook: 'analysis-stale.md',
    dashboardUid: DASHBOARD_UIDS.exporterHealth,
    panelTitle: 'Last analysis run succeeded',
  },
  {
    uid: 'kpilens-scoring-stale',
    title: 'Payment-risk scoring stale',
    expr: 'sum(increase(ml_prediction_duration_seconds_count[3h])) or vector(0)',
    comparison: 'lt',
    threshold: 1,
    for: '30m',
    severity: 'warning',
    team: 'platform',
    summary: 'Payment-risk scoring ran {{value}} batches in the last 3 hours',
    description:
      'The exporter scored {{value}} batches of accounts in the last 3 hours (the schedule is hourly): risk ' +
      'scores and revenue at risk are out of date.',
    runbook: 'scoring-stale.md',
    dashboardUid: DASHBOARD_UIDS.exporterHealth,
    panelTitle: 'Scoring batches per hour',
    rangeSeconds: 10800,
  },
  {
    uid: 'kpilens-ingestion-errors',
    title: 'Ingestion errors',
    expr: 'kpilens:ingestion_error_ratio:rate10m',
    comparison: 'gt',
    threshold: 0.05,
    for: '10m',
    severity: 'warning',
    team: 'platform',
    summary: '{{value}} of the KPI points received are rejected or failed',
    description:
      'Over 10 minutes, a share of {{value}} of the points sent to the exporter were rejected (invalid ' +
      'input) or failed (storage errors), above 0.05.',
    runbook: 'ingestion-errors.md',
    dashboardUid: DASHBOARD_UIDS.exporterHealth,
    panelTitle: 'Ingestion errors',
  },
  {
    uid: 'kpilens-ingestion-failing',
    title: 'Ingestion storage failures',
    // no failure counted yet is 0 per second, not "no data"
    expr: 'sum(rate(kpi_ingestion_total{status="failed"}[5m])) or vector(0)',
    comparison: 'gt',
    threshold: 0,
    for: '5m',
    severity: 'critical',
    team: 'platform',
    summary: 'The exporter fails to store KPI points ({{value}} per second)',
    description:
      'Points fail with storage errors at {{value}} per second for 5 minutes: the database is unavailable ' +
      'or saturated. Senders get 503 and retry.',
    runbook: 'ingestion-errors.md',
    dashboardUid: DASHBOARD_UIDS.exporterHealth,
    panelTitle: 'Ingestion errors',
  },
];

export const BUILT_IN_ALERT_GROUPS: Array<Omit<AlertGroup, 'alerts'> & { alerts: BuiltInAlert[] }> = [
  { name: 'kpilens-business', folder: ALERT_FOLDER, alerts: business },
  { name: 'kpilens-payment-risk', folder: ALERT_FOLDER, alerts: paymentRisk },
  { name: 'kpilens-exporter', folder: ALERT_FOLDER, alerts: exporter },
];
