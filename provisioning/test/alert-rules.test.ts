import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { AlertDefinition } from '../src/alerts/definition';
import { prometheusRule } from '../src/alerts/definition';
import { parseRuleFile, toAlertDefinition } from '../src/alerts/rule-file';
import { builtInAlertGroups, dashboards, ROOT, SAMPLE_RULE_FILE } from '../src/generate';
import { describeIfBinaries, PROMTOOL, promtool, tempFiles } from './support';

/**
 * One scenario of an alert: input series (one sample a minute), then at each evaluation time the alerts
 * expected with their series labels and compared value. Each scenario also holds series that must not fire.
 */
interface Scenario {
  series: Record<string, string>;
  checks: Array<{ at: string; firing: Array<{ labels: Record<string, string>; value: number }> }>;
}

const BUILT_IN: Record<string, Scenario> = {
  'kpilens-kpi-anomaly-critical': {
    series: {
      'kpi_anomaly_score{org="acme",model="marketing",metric="ctr",platform="google"}': '0.95x30',
      'kpi_anomaly_score{org="acme",model="marketing",metric="ctr",platform="meta"}': '0.5x30',
    },
    checks: [
      { at: '5m', firing: [] }, // not yet 10 minutes
      {
        at: '15m',
        firing: [
          { labels: { org: 'acme', model: 'marketing', metric: 'ctr', platform: 'google' }, value: 0.95 },
        ],
      },
    ],
  },
  'kpilens-payment-failure-spike': {
    series: {
      'kpi_value{org="acme",model="revenue",metric="payment_failure_rate",method="card"}': '15x30',
      'kpi_value{org="acme",model="revenue",metric="payment_failure_rate",method="paypal"}': '2x30',
      // overall and per-plan series are not per method
      'kpi_value{org="acme",model="revenue",metric="payment_failure_rate"}': '12x30',
      'kpi_value{org="acme",model="revenue",metric="payment_failure_rate",plan="pro"}': '13x30',
    },
    checks: [
      { at: '10m', firing: [] },
      { at: '20m', firing: [{ labels: { org: 'acme', method: 'card' }, value: 15 }] },
    ],
  },
  'kpilens-revenue-at-risk-high': {
    series: {
      'ml_revenue_at_risk{org="acme",risk_level="CRITICAL"}': '40000x60',
      'ml_revenue_at_risk{org="acme",risk_level="RISKY"}': '20000x60',
      'ml_revenue_at_risk{org="acme",risk_level="GOOD"}': '900000x60',
      'ml_revenue_at_risk{org="small",risk_level="CRITICAL"}': '1000x60',
    },
    checks: [
      { at: '20m', firing: [] },
      { at: '40m', firing: [{ labels: { org: 'acme' }, value: 60000 }] },
    ],
  },
  'kpilens-accounts-entering-critical': {
    series: {
      // 3 CRITICAL accounts for an hour, then 5
      'ml_accounts_by_risk_level{org="acme",risk_level="CRITICAL"}': '3x60 5x30',
      'ml_accounts_by_risk_level{org="calm",risk_level="CRITICAL"}': '4x90',
    },
    checks: [
      { at: '50m', firing: [] },
      { at: '70m', firing: [{ labels: { org: 'acme' }, value: 2 }] },
    ],
  },
  'kpilens-model-drift': {
    series: {
      'ml_feature_drift_psi{feature="days_late_avg",model_version="v1"}': '0.4x180',
      'ml_feature_drift_psi{feature="amount",model_version="v1"}': '0.05x180',
    },
    checks: [
      { at: '90m', firing: [] },
      { at: '150m', firing: [{ labels: { feature: 'days_late_avg', model_version: 'v1' }, value: 0.4 }] },
    ],
  },
  'kpilens-model-auc-drop': {
    series: {
      'ml_model_accuracy{model_version="v1"}': '0.65x90',
      'ml_model_accuracy{model_version="v2"}': '0.8x90',
    },
    checks: [
      { at: '30m', firing: [] },
      { at: '75m', firing: [{ labels: { model_version: 'v1' }, value: 0.65 }] },
    ],
  },
  'kpilens-exporter-down': {
    series: {
      'up{job="kpilens",instance="exporter:9470"}': '1x5 0x20',
      'up{job="kpilens",instance="replica:9470"}': '1x30',
    },
    checks: [
      { at: '5m', firing: [] },
      { at: '15m', firing: [{ labels: { job: 'kpilens', instance: 'exporter:9470' }, value: 0 }] },
    ],
  },
  'kpilens-analysis-stale': {
    series: {
      // marketing last ran at time 0; onboarding runs every minute
      'kpi_analysis_last_run_timestamp_seconds{model="marketing"}': '0x250',
      'kpi_analysis_last_run_timestamp_seconds{model="onboarding"}': '0+60x250',
    },
    checks: [
      { at: '2h', firing: [] },
      { at: '200m', firing: [{ labels: { model: 'marketing' }, value: 12000 }] },
    ],
  },
  'kpilens-analysis-failing': {
    series: {
      'kpi_analysis_last_run_success{model="revenue"}': '1x5 0x10',
      'kpi_analysis_last_run_success{model="marketing"}': '1x15',
    },
    checks: [
      { at: '3m', firing: [] },
      { at: '10m', firing: [{ labels: { model: 'revenue' }, value: 0 }] },
    ],
  },
  'kpilens-scoring-stale': {
    series: {
      // one batch a minute for an hour, then none
      'ml_prediction_duration_seconds_count{model_version="v1"}': '0+1x60 60x300',
    },
    checks: [
      { at: '120m', firing: [] },
      { at: '280m', firing: [{ labels: {}, value: 0 }] },
    ],
  },
  'kpilens-ingestion-errors': {
    series: {
      'kpi_ingestion_total{model="marketing",status="accepted"}': '0+100x60',
      'kpi_ingestion_total{model="marketing",status="rejected"}': '0+1x20 20+19x40',
    },
    checks: [
      { at: '25m', firing: [] }, // 1 in 101 until minute 20, then 19 in 119 for less than 10 minutes
      { at: '45m', firing: [{ labels: {}, value: 19 / 119 }] },
    ],
  },
  'kpilens-ingestion-failing': {
    series: {
      'kpi_ingestion_total{model="marketing",status="accepted"}': '0+100x30',
      'kpi_ingestion_total{model="revenue",status="failed"}': '0x10 0+6x20',
    },
    checks: [
      { at: '8m', firing: [] },
      { at: '25m', firing: [{ labels: {}, value: 0.1 }] },
    ],
  },
};

/** What Prometheus must render for `{{value}}` and `{{labels.x}}`, computed here independently. */
function render(text: string, labels: Record<string, string>, value: number): string {
  return text
    .replace(/\{\{value\}\}/g, value.toFixed(2))
    .replace(/\{\{labels\.([a-z_]+)\}\}/g, (_m, name: string) => labels[name] ?? '');
}

function alertTest(a: AlertDefinition, s: Scenario): Record<string, unknown> {
  const rule = prometheusRule(a) as { alert: string; annotations: Record<string, string> };
  return {
    interval: '1m',
    input_series: Object.entries(s.series).map(([series, values]) => ({ series, values })),
    alert_rule_test: s.checks.map((c) => ({
      eval_time: c.at,
      alertname: rule.alert,
      exp_alerts: c.firing.map((f) => ({
        exp_labels: { ...f.labels, severity: a.severity, team: a.team },
        exp_annotations: {
          ...rule.annotations,
          summary: render(a.summary, f.labels, f.value),
          description: render(a.description, f.labels, f.value),
        },
      })),
    })),
  };
}

function runPromtool(ruleFiles: string[], tests: Array<Record<string, unknown>>) {
  const dir = tempFiles({
    'alerts.test.yml': stringify({
      rule_files: ruleFiles,
      evaluation_interval: '1m',
      tests,
    }),
  });
  return promtool(['test', 'rules', 'alerts.test.yml'], dir);
}

const builtIn = builtInAlertGroups().flatMap((g) => g.alerts);

describe('alert rule scenarios', () => {
  it('cover every built-in alert', () => {
    expect(builtIn.map((a) => a.uid).filter((uid) => !BUILT_IN[uid])).toEqual([]);
    expect(Object.keys(BUILT_IN).filter((uid) => !builtIn.some((a) => a.uid === uid))).toEqual([]);
  });
});

describeIfBinaries([PROMTOOL], 'prometheus')('alert rules evaluated by promtool test rules', () => {
  it('fire the built-in alerts on the series that should, with the values in summary and description', () => {
    const r = runPromtool(
      [join(ROOT, 'prometheus/rules/recording.yml'), join(ROOT, 'prometheus/rules/alerts.yml')],
      builtIn.map((a) => alertTest(a, BUILT_IN[a.uid])),
    );
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('fire the rules of the sample alertRules.json (as kpilens alerts build writes them) on the right side of the threshold', () => {
    const rules = parseRuleFile(readFileSync(join(ROOT, SAMPLE_RULE_FILE), 'utf8'));
    const checked = parse(readFileSync(join(ROOT, 'prometheus/rules/kpi-rules.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert: string }> }>;
    };
    expect(checked.groups.flatMap((g) => g.rules).length).toBe(rules.length);
    const boards = dashboards();
    const tests = rules.map((r) => {
      const a = toAlertDefinition(r, boards);
      const above = ['gt', 'gte'].includes(r.comparison);
      const labels: Record<string, string> = { org: 'acme', model: r.modelName, metric: r.metricName };
      for (const [k, v] of Object.entries(r.metadata.dimensions ?? {}))
        if (v) labels[k.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()] = v;
      const selector = (extra: Record<string, string>) =>
        `kpi_value{${Object.entries({ ...labels, ...extra })
          .map(([k, v]) => `${k}="${v}"`)
          .join(',')}}`;
      const fire = r.threshold + (above ? 1 : -1);
      const calm = r.threshold + (above ? -1 : 1);
      const windowMinutes =
        Number(r.metadata.timeWindow.slice(0, -1)) *
        { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 }[r.metadata.timeWindow.slice(-1) as 'm'];
      const at = `${windowMinutes + r.metadata.debounceMinutes + 5}m`;
      const n = windowMinutes + r.metadata.debounceMinutes + 10;
      return alertTest(a, {
        series: { [selector({})]: `${fire}x${n}`, [selector({ org: 'calm' })]: `${calm}x${n}` },
        checks: [{ at, firing: [{ labels: { ...labels }, value: fire }] }],
      });
    });
    const r = runPromtool([join(ROOT, 'prometheus/rules/kpi-rules.yml')], tests);
    expect(r.out).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });
});
