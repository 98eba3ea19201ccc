import { join } from 'node:path';
import { stringify } from 'yaml';
import { dashboards, ROOT } from '../src/generate';
import { panelExprs } from './promql';
import { describeIfBinaries, PROMTOOL, promtool, tempFiles } from './support';

// One hour and a half of the exporter's metrics, one sample a minute (promtool's input_series notation:
// 'a+bxn' = n+1 samples from a, stepping by b). Two organizations, so the org filters are exercised.
const SERIES: Record<string, string> = {
  'kpi_value{org="acme",model="marketing",metric="ctr",platform="meta"}': '1.5x90',
  'kpi_value{org="acme",model="marketing",metric="ctr",platform="google"}': '3x90',
  'kpi_value{org="acme",model="marketing",metric="ctr",platform="meta",campaign_id="c1"}': '9x90',
  'kpi_value{org="acme",model="marketing",metric="ctr"}': '2x90',
  'kpi_value{org="acme",model="marketing",metric="conversion_rate",platform="meta"}': '3x90',
  'kpi_value{org="beta",model="marketing",metric="conversion_rate",platform="meta"}': '4x90',
  'kpi_value{org="acme",model="marketing",metric="cpl",platform="google"}': '12x90',
  'kpi_value{org="acme",model="onboarding",metric="signup_completion_rate",source="organic"}': '70x90',
  'kpi_value{org="acme",model="onboarding",metric="signup_completion_rate"}': '65x90',
  'kpi_value{org="acme",model="revenue",metric="payment_failure_rate",method="card"}': '2.5x90',
  'kpi_value{org="acme",model="revenue",metric="payment_failure_rate",plan="pro"}': '2x90',
  'kpi_value{org="acme",model="revenue",metric="mrr",currency="EUR"}': '9000x90',
  'kpi_value{org="beta",model="revenue",metric="mrr",currency="EUR"}': '1000x90',
  'kpi_value{org="acme",model="revenue",metric="mrr",currency="EUR",plan="pro"}': '6000x90',
  'kpi_value{org="acme",model="revenue",metric="mrr",currency="EUR",plan="starter"}': '3000x90',
  'kpi_value{org="beta",model="revenue",metric="mrr",currency="EUR",plan="pro"}': '1000x90',
  'kpi_value{org="acme",model="revenue",metric="churn_rate",currency="EUR"}': '3.6x90',
  'kpi_value{org="beta",model="revenue",metric="churn_rate",currency="EUR"}': '2x90',
  'kpi_value{org="acme",model="revenue",metric="churn_rate",currency="EUR",plan="pro"}': '9x90',
  'kpi_anomaly_score{org="acme",model="marketing",metric="ctr",platform="meta"}': '0.2x90',
  'kpi_anomaly_score{org="acme",model="marketing",metric="ctr",platform="google"}': '0.95x90',
  'kpi_anomaly_score{org="acme",model="onboarding",metric="signup_completion_rate",source="organic"}':
    '0.1x90',
  'kpi_anomaly_score{org="acme",model="revenue",metric="payment_failure_rate",method="card"}': '0.3x90',
  'kpi_forecast{org="acme",model="marketing",metric="ctr",platform="meta",bound="yhat",horizon="7d"}':
    '1.6x90',
  'kpi_forecast{org="acme",model="marketing",metric="ctr",platform="meta",bound="yhat",horizon="30d"}':
    '1.7x90',
  'kpi_forecast{org="acme",model="marketing",metric="ctr",platform="meta",bound="lower",horizon="7d"}':
    '1.2x90',
  'kpi_forecast{org="acme",model="onboarding",metric="signup_completion_rate",source="organic",bound="yhat",horizon="7d"}':
    '71x90',
  'kpi_forecast{org="acme",model="revenue",metric="payment_failure_rate",method="card",bound="yhat",horizon="90d"}':
    '2.4x90',
  'kpi_insights_active{model="marketing",severity="critical"}': '2x90',
  'kpi_insights_active{model="marketing",severity="warning"}': '3x90',
  'kpi_insights_active{model="onboarding",severity="warning"}': '1x90',
  'kpi_insights_active{model="revenue",severity="critical"}': '1x90',
  'ml_revenue_at_risk{org="acme",risk_level="CRITICAL"}': '40000x90',
  'ml_revenue_at_risk{org="acme",risk_level="RISKY"}': '20000x90',
  'ml_revenue_at_risk{org="acme",risk_level="GOOD"}': '5000x90',
  'ml_accounts_by_risk_level{org="acme",risk_level="CRITICAL"}': '4x90',
  'ml_accounts_by_risk_level{org="beta",risk_level="CRITICAL"}': '1x90',
  'ml_accounts_by_risk_level{org="acme",risk_level="GOOD"}': '150x90',
  'ml_model_accuracy{model_version="v1"}': '0.81x90',
  'ml_model_calibration_error{model_version="v1"}': '0.03x90',
  'ml_model_brier_score{model_version="v1"}': '0.12x90',
  'ml_model_realized_outcomes{model_version="v1"}': '500x90',
  'ml_feature_drift_psi{feature="days_late_avg",model_version="v1"}': '0.3x90',
  'ml_feature_drift_psi{feature="amount",model_version="v1"}': '0.02x90',
  'ml_predictions_total{risk_level="GOOD",model_version="v1"}': '0+10x90',
  'ml_predictions_total{risk_level="CRITICAL",model_version="v1"}': '0+1x90',
  // histograms: every observation in the (0.5, 1] bucket, so p95 = 0.5 + 0.5 * 0.95
  'ml_prediction_duration_seconds_bucket{model_version="v1",le="0.5"}': '0x90',
  'ml_prediction_duration_seconds_bucket{model_version="v1",le="1"}': '0+1x90',
  'ml_prediction_duration_seconds_bucket{model_version="v1",le="+Inf"}': '0+1x90',
  'ml_prediction_duration_seconds_count{model_version="v1"}': '0+1x90',
  'kpi_analysis_duration_seconds_bucket{model="marketing",le="0.5"}': '0x90',
  'kpi_analysis_duration_seconds_bucket{model="marketing",le="1"}': '0+2x90',
  'kpi_analysis_duration_seconds_bucket{model="marketing",le="+Inf"}': '0+2x90',
  'kpi_analysis_last_run_timestamp_seconds{model="marketing"}': '600x90',
  'kpi_analysis_last_run_success{model="marketing"}': '1x90',
  'kpi_analysis_last_run_success{model="revenue"}': '0x90',
  'up{job="kpilens",instance="exporter:9470"}': '1x90',
  'up{job="prometheus",instance="localhost:9090"}': '0x90',
  'scrape_duration_seconds{job="kpilens",instance="exporter:9470"}': '0.05x90',
  'kpilens_last_successful_write_timestamp_seconds{job="kpilens",instance="exporter:9470"}': '3800x90',
  'kpi_series{job="kpilens"}': '212x90',
  'kpi_series_exported{job="kpilens"}': '200x90',
  'kpi_series_omitted{job="kpilens"}': '12x90',
  'kpi_series_budget{job="kpilens"}': '5000x90',
  'kpilens_kpi_snapshot_refresh_seconds{job="kpilens"}': '0.02x90',
  'kpi_ingestion_total{model="marketing",status="accepted"}': '0+120x90',
  'kpi_ingestion_total{model="marketing",status="rejected"}': '0+6x90',
  'kpi_ingestion_total{model="revenue",status="accepted"}': '0+54x90',
  'kpi_events_total{type="payment",status="accepted"}': '0+30x90',
  'kpilens_http_request_duration_seconds_bucket{method="POST",route="/api/v1/points/batch",status_code="200",le="0.05"}':
    '0+10x90',
  'kpilens_http_request_duration_seconds_bucket{method="POST",route="/api/v1/points/batch",status_code="200",le="0.1"}':
    '0+20x90',
  'kpilens_http_request_duration_seconds_bucket{method="POST",route="/api/v1/points/batch",status_code="200",le="+Inf"}':
    '0+20x90',
  'kpilens_db_pool_connections{state="total"}': '5x90',
  'kpilens_db_pool_connections{state="idle"}': '4x90',
  'kpilens_db_pool_connections{state="waiting"}': '0x90',
  'kpilens_db_pool_connections{state="max"}': '10x90',
  'kpi_alerts_triggered_total{model="marketing",severity="critical"}': '0+1x90',
};

/** Evaluated 65 minutes in: every [1h] window is full. */
const EVAL_TIME = '65m';

/** What each panel expression returns on SERIES at EVAL_TIME: [labels, value]. */
const EXPECTED: Record<string, Array<[string, number]>> = {
  'sum(kpilens:revenue_at_risk:high{org=~".+"})': [['{}', 60000]],
  // subscriptions: the totals of each organization (no plan label), per plan for the bar gauge
  'sum(kpi_value{org=~".+",model="revenue",metric="mrr",currency="EUR",plan=""})': [['{}', 10000]],
  'max(avg_over_time(kpi_value{org=~".+",model="revenue",metric="churn_rate",currency="EUR",plan=""}[1d]))': [
    ['{}', 3.6],
  ],
  'sum by (plan) (kpi_value{org=~".+",model="revenue",metric="mrr",currency="EUR",plan!=""})': [
    ['{plan="pro"}', 7000],
    ['{plan="starter"}', 3000],
  ],
  'sum(ml_accounts_by_risk_level{org=~".+",risk_level="CRITICAL"})': [['{}', 5]],
  'sum(kpi_insights_active{severity="critical"}) or vector(0)': [['{}', 3]],
  'sum by (risk_level) (ml_accounts_by_risk_level{org=~".+"})': [
    ['{risk_level="CRITICAL"}', 5],
    ['{risk_level="GOOD"}', 150],
  ],
  'max by (source) (kpi_value{org=~".+",model="onboarding",metric="signup_completion_rate",source!=""})': [
    ['{source="organic"}', 70],
  ],
  'max by (platform) (kpi_value{org=~".+",model="marketing",metric="conversion_rate",platform!="",campaign_id=""})':
    [['{platform="meta"}', 4]],
  'max by (platform) (kpi_value{org=~".+",model="marketing",metric="cpl",platform!="",campaign_id=""})': [
    ['{platform="google"}', 12],
  ],
  'max by (method) (kpi_value{org=~".+",model="revenue",metric="payment_failure_rate",method!="",plan=""})': [
    ['{method="card"}', 2.5],
  ],
  'kpi_value{org=~".+",model="marketing",metric="ctr",platform=~".+",campaign_id="",platform!=""}': [
    ['kpi_value{org="acme",model="marketing",metric="ctr",platform="meta"}', 1.5],
    ['kpi_value{org="acme",model="marketing",metric="ctr",platform="google"}', 3],
  ],
  'max by (platform) (kpi_value{org=~".+",model="marketing",metric="ctr",platform=~".+",campaign_id="",platform!=""})':
    [
      ['{platform="meta"}', 1.5],
      ['{platform="google"}', 3],
    ],
  'max by (platform) (kpi_anomaly_score{org=~".+",model="marketing",metric="ctr",platform=~".+",campaign_id="",platform!=""})':
    [
      ['{platform="meta"}', 0.2],
      ['{platform="google"}', 0.95],
    ],
  'kpi_value{org=~".+",model="marketing",metric="ctr",platform=~".+",campaign_id=~".+",campaign_id!=""}': [
    ['kpi_value{org="acme",model="marketing",metric="ctr",platform="meta",campaign_id="c1"}', 9],
  ],
  'max by (platform, horizon) (kpi_forecast{org=~".+",model="marketing",metric="ctr",platform=~".+",platform!="",bound="yhat"})':
    [
      ['{platform="meta",horizon="7d"}', 1.6],
      ['{platform="meta",horizon="30d"}', 1.7],
    ],
  'max by (source, horizon) (kpi_forecast{org=~".+",model="onboarding",metric="signup_completion_rate",source=~".+",source!="",bound="yhat"})':
    [['{source="organic",horizon="7d"}', 71]],
  'max by (method, horizon) (kpi_forecast{org=~".+",model="revenue",metric="payment_failure_rate",method=~".+",method!="",bound="yhat"})':
    [['{method="card",horizon="90d"}', 2.4]],
  'kpi_value{org=~".+",model="revenue",metric="payment_failure_rate",method="",plan=~".+",plan!=""}': [
    ['kpi_value{org="acme",model="revenue",metric="payment_failure_rate",plan="pro"}', 2],
  ],
  'sum by (severity) (kpi_insights_active{model="marketing"}) or on() vector(0)': [
    ['{severity="critical"}', 2],
    ['{severity="warning"}', 3],
  ],
  'kpi_value{org=~".+",model="onboarding",metric="signup_completion_rate",source=~".+",source!=""}': [
    ['kpi_value{org="acme",model="onboarding",metric="signup_completion_rate",source="organic"}', 70],
  ],
  'max by (source) (kpi_value{org=~".+",model="onboarding",metric="signup_completion_rate",source=~".+",source!=""})':
    [['{source="organic"}', 70]],
  'max by (source) (kpi_anomaly_score{org=~".+",model="onboarding",metric="signup_completion_rate",source=~".+",source!=""})':
    [['{source="organic"}', 0.1]],
  'sum by (severity) (kpi_insights_active{model="onboarding"}) or on() vector(0)': [
    ['{severity="warning"}', 1],
  ],
  'kpi_value{org=~".+",model="revenue",metric="payment_failure_rate",method=~".+",plan="",method!=""}': [
    ['kpi_value{org="acme",model="revenue",metric="payment_failure_rate",method="card"}', 2.5],
  ],
  'max by (method) (kpi_value{org=~".+",model="revenue",metric="payment_failure_rate",method=~".+",plan="",method!=""})':
    [['{method="card"}', 2.5]],
  'max by (method) (kpi_anomaly_score{org=~".+",model="revenue",metric="payment_failure_rate",method=~".+",plan="",method!=""})':
    [['{method="card"}', 0.3]],
  'sum by (severity) (kpi_insights_active{model="revenue"}) or on() vector(0)': [
    ['{severity="critical"}', 1],
  ],
  'sum by (risk_level) (ml_revenue_at_risk{org=~".+"})': [
    ['{risk_level="CRITICAL"}', 40000],
    ['{risk_level="RISKY"}', 20000],
    ['{risk_level="GOOD"}', 5000],
  ],
  'max by (model_version) (ml_model_accuracy)': [['{model_version="v1"}', 0.81]],
  'max by (model_version) (ml_model_calibration_error)': [['{model_version="v1"}', 0.03]],
  'max by (model_version) (ml_model_brier_score)': [['{model_version="v1"}', 0.12]],
  'max by (model_version) (ml_model_realized_outcomes)': [['{model_version="v1"}', 500]],
  'max by (feature) (ml_feature_drift_psi)': [
    ['{feature="days_late_avg"}', 0.3],
    ['{feature="amount"}', 0.02],
  ],
  'sum by (risk_level) (increase(ml_predictions_total[1h]))': [
    ['{risk_level="GOOD"}', 600],
    ['{risk_level="CRITICAL"}', 60],
  ],
  'min(up{job="kpilens"})': [['{}', 1]],
  'max(scrape_duration_seconds{job="kpilens"})': [['{}', 0.05]],
  'time() - max(kpilens_last_successful_write_timestamp_seconds)': [['{}', 3900 - 3800]],
  'sum(kpi_series_exported) / min(kpi_series_budget)': [['{}', 0.04]],
  'max(kpilens_kpi_snapshot_refresh_seconds)': [['{}', 0.02]],
  // 120 points a minute = 2 per second
  'sum by (model, status) (kpilens:ingestion_points:rate5m)': [
    ['{model="marketing",status="accepted"}', 2],
    ['{model="marketing",status="rejected"}', 0.1],
    ['{model="revenue",status="accepted"}', 0.9],
  ],
  'sum by (type, status) (rate(kpi_events_total[5m]))': [['{type="payment",status="accepted"}', 0.5]],
  // 6 rejected of 180 a minute
  'kpilens:ingestion_error_ratio:rate10m': [['kpilens:ingestion_error_ratio:rate10m', 6 / 180]],
  'sum by (model, status) (rate(kpi_ingestion_total{status=~"rejected|failed"}[5m]))': [
    ['{model="marketing",status="rejected"}', 0.1],
  ],
  // 10 of 20 requests a minute under 50 ms, all under 100 ms: p95 interpolated in (0.05, 0.1]
  'kpilens:http_request_duration_seconds:p95_5m': [
    ['kpilens:http_request_duration_seconds:p95_5m{route="/api/v1/points/batch"}', 0.05 + (0.05 * 9) / 10],
  ],
  'max by (state) (kpilens_db_pool_connections)': [
    ['{state="total"}', 5],
    ['{state="idle"}', 4],
    ['{state="waiting"}', 0],
    ['{state="max"}', 10],
  ],
  'kpilens:analysis_age_seconds': [['kpilens:analysis_age_seconds{model="marketing"}', 3900 - 600]],
  'min by (model) (kpi_analysis_last_run_success)': [
    ['{model="marketing"}', 1],
    ['{model="revenue"}', 0],
  ],
  'histogram_quantile(0.95, sum by (le, model) (increase(kpi_analysis_duration_seconds_bucket[1h])))': [
    ['{model="marketing"}', 0.975],
  ],
  'histogram_quantile(0.95, sum by (le) (increase(ml_prediction_duration_seconds_bucket[1h])))': [
    ['{}', 0.975],
  ],
  'sum(increase(ml_prediction_duration_seconds_count[1h]))': [['{}', 60]],
  'sum(increase(kpi_alerts_triggered_total[1h]))': [['{}', 60]],
  'max(kpi_series)': [['{}', 212]],
  'max(kpi_series_exported)': [['{}', 200]],
  'max(kpi_series_omitted)': [['{}', 12]],
  'max(kpi_series_budget)': [['{}', 5000]],
};

const exprs = [...new Set(panelExprs(dashboards()).map((p) => p.expr))];

function promtoolTest(series: Record<string, string>, cases: Array<[string, Array<[string, number]>]>) {
  return stringify({
    rule_files: [join(ROOT, 'prometheus/rules/recording.yml')],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: Object.entries(series).map(([s, values]) => ({ series: s, values })),
        promql_expr_test: cases.map(([expr, samples]) => ({
          expr,
          eval_time: EVAL_TIME,
          exp_samples: samples.map(([labels, value]) => ({ labels, value })),
        })),
      },
    ],
  });
}

describe('dashboard PromQL', () => {
  it('has an expected result for every Prometheus query of every panel, and none for queries gone', () => {
    expect(exprs.filter((e) => !(e in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((e) => !exprs.includes(e))).toEqual([]);
  });
});

describeIfBinaries([PROMTOOL], 'prometheus')('dashboard PromQL evaluated by promtool test rules', () => {
  it('returns the expected series and values on the exporter metrics', () => {
    const dir = tempFiles({ 'dashboards.test.yml': promtoolTest(SERIES, Object.entries(EXPECTED)) });
    const r = promtool(['test', 'rules', 'dashboards.test.yml'], dir);
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('returns nothing where the exporter has not reported the metric', () => {
    // only the scrape health of the exporter: every business and pipeline panel is empty
    const bare = { 'up{job="kpilens",instance="exporter:9470"}': '1x90' };
    const cases = exprs.map((e): [string, Array<[string, number]>] => [
      e,
      // a count of open insights is 0 then, not empty
      e.includes('up{') ? [['{}', 1]] : e.endsWith('vector(0)') ? [['{}', 0]] : [],
    ]);
    const dir = tempFiles({ 'empty.test.yml': promtoolTest(bare, cases) });
    const r = promtool(['test', 'rules', 'empty.test.yml'], dir);
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });
});
