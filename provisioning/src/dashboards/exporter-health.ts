import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { baseDashboard } from './common';
import { Layout, promStat, promTimeseries } from './panels';

/** For on-call: is the exporter up, ingesting, analysing and scoring on time, within its budgets. */
export function exporterHealthDashboard(): dashboard.DashboardBuilder {
  const l = new Layout()
    .add(
      promStat('Exporter up', 'min(up{job="kpilens"})', 'none', {
        description: 'Whether Prometheus reached every exporter replica at its last scrape (1 = all up)',
        thresholds: [
          [null, 'red'],
          [1, 'green'],
        ],
      }),
      4,
      5,
    )
    .add(
      promStat('Scrape duration', 'max(scrape_duration_seconds{job="kpilens"})', 's', {
        description: 'Time the slowest replica took to answer the last scrape',
      }),
      5,
      5,
    )
    .add(
      promStat('Since the last write', 'time() - max(kpilens_last_successful_write_timestamp_seconds)', 's', {
        description: 'Age of the last write committed to the database',
      }),
      5,
      5,
    )
    .add(
      promStat('Series budget used', 'sum(kpi_series_exported) / min(kpi_series_budget)', 'percentunit', {
        description: 'KPI series exported as kpi_value against KPILENS_SERIES_BUDGET',
        thresholds: [
          [null, 'green'],
          [0.8, 'orange'],
          [1, 'red'],
        ],
      }),
      5,
      5,
    )
    .add(
      promStat('KPI snapshot refresh', 'max(kpilens_kpi_snapshot_refresh_seconds)', 's', {
        description: 'Time the last refresh of the kpi_value snapshot took',
      }),
      5,
      5,
    )
    .row('Ingestion')
    .add(
      promTimeseries(
        'Ingestion rate',
        [
          {
            expr: 'sum by (model, status) (kpilens:ingestion_points:rate5m)',
            legend: '{{model}} {{status}}',
          },
          {
            expr: 'sum by (type, status) (rate(kpi_events_total[5m]))',
            legend: 'events {{type}} {{status}}',
          },
        ],
        'reqps',
        'Points (derived KPI points included) and business events received per second',
      ),
      12,
      8,
    )
    .add(
      promTimeseries(
        'Ingestion errors',
        [
          { expr: 'kpilens:ingestion_error_ratio:rate10m', legend: 'rejected or failed, share of points' },
          {
            expr: 'sum by (model, status) (rate(kpi_ingestion_total{status=~"rejected|failed"}[5m]))',
            legend: '{{model}} {{status}} per second',
          },
        ],
        'short',
        'rejected: invalid input (the sender must fix it); failed: storage errors (ours)',
      ),
      12,
      8,
    )
    .add(
      promTimeseries(
        'HTTP p95 by route',
        [{ expr: 'kpilens:http_request_duration_seconds:p95_5m', legend: '{{route}}' }],
        's',
      ),
      12,
      8,
    )
    .add(
      promTimeseries(
        'Database pool',
        [{ expr: 'max by (state) (kpilens_db_pool_connections)', legend: '{{state}}' }],
        'short',
        'Connections by state; waiting > 0 means queries queue for a connection',
      ),
      12,
      8,
    )
    .row('Analysis and scoring')
    .add(
      promTimeseries(
        'Since the last analysis run',
        [{ expr: 'kpilens:analysis_age_seconds', legend: '{{model}}' }],
        's',
        'Age of the last analysis run of each KPI model (runs every KPILENS_ANALYSIS_INTERVAL_MS)',
      ),
      8,
      8,
    )
    .add(
      promTimeseries(
        'Last analysis run succeeded',
        [{ expr: 'min by (model) (kpi_analysis_last_run_success)', legend: '{{model}}' }],
        'none',
        '1: the last run of the model succeeded, 0: it failed',
      ),
      8,
      8,
    )
    .add(
      promTimeseries(
        'Analysis duration p95',
        [
          {
            expr: 'histogram_quantile(0.95, sum by (le, model) (increase(kpi_analysis_duration_seconds_bucket[1h])))',
            legend: '{{model}}',
          },
        ],
        's',
        'Over the last hour of runs',
      ),
      8,
      8,
    )
    .add(
      promTimeseries(
        'Scoring duration p95',
        [
          {
            expr: 'histogram_quantile(0.95, sum by (le) (increase(ml_prediction_duration_seconds_bucket[1h])))',
            legend: 'batch',
          },
        ],
        's',
        'Time to score one batch of accounts, over the last hour',
      ),
      8,
      8,
    )
    .add(
      promTimeseries(
        'Scoring batches per hour',
        [{ expr: 'sum(increase(ml_prediction_duration_seconds_count[1h]))', legend: 'batches' }],
        'short',
        'Zero for hours means scoring is stale (KPILENS_SCORING_INTERVAL_MS)',
      ),
      8,
      8,
    )
    .add(
      promTimeseries(
        'Alerts triggered per hour',
        [{ expr: 'sum(increase(kpi_alerts_triggered_total[1h]))', legend: 'alerts' }],
        'short',
        'Alert conditions raised by the analysis',
      ),
      8,
      8,
    )
    .row('Series budget')
    .add(
      promTimeseries(
        'KPI series',
        [
          { expr: 'max(kpi_series)', legend: 'stored' },
          { expr: 'max(kpi_series_exported)', legend: 'exported' },
          { expr: 'max(kpi_series_omitted)', legend: 'omitted' },
          { expr: 'max(kpi_series_budget)', legend: 'budget' },
        ],
        'short',
        'Series over the budget or with per-entity dimensions stay out of kpi_value',
      ),
      24,
      8,
    );
  return l.into(
    baseDashboard(
      'exporterHealth',
      'KPI Lens / Exporter health',
      'For on-call: the exporter and its pipelines',
    )
      .time({ from: 'now-6h', to: 'now' })
      .refresh('30s'),
  );
}
