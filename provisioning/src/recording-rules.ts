// Prometheus recording rules: the dashboards and alert rules read these instead of repeating the PromQL.

export interface RecordingRule {
  record: string;
  expr: string;
}

export const RECORDING_RULES: RecordingRule[] = [
  {
    record: 'kpilens:ingestion_points:rate5m',
    expr: 'sum by (model, status) (rate(kpi_ingestion_total[5m]))',
  },
  {
    record: 'kpilens:ingestion_error_ratio:rate10m',
    expr: 'sum(rate(kpi_ingestion_total{status=~"rejected|failed"}[10m])) / sum(rate(kpi_ingestion_total[10m]))',
  },
  {
    record: 'kpilens:http_request_duration_seconds:p95_5m',
    expr: 'histogram_quantile(0.95, sum by (le, route) (rate(kpilens_http_request_duration_seconds_bucket[5m])))',
  },
  {
    record: 'kpilens:revenue_at_risk:high',
    expr: 'sum by (org) (ml_revenue_at_risk{risk_level=~"RISKY|CRITICAL"})',
  },
  {
    record: 'kpilens:analysis_age_seconds',
    expr: 'time() - max by (model) (kpi_analysis_last_run_timestamp_seconds)',
  },
];

export function recordingRuleFile(): Record<string, unknown> {
  return { groups: [{ name: 'kpilens-recording', interval: '30s', rules: RECORDING_RULES }] };
}
