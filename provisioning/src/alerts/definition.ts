// One alert condition, rendered two ways from the same definition: a Grafana-managed rule (file provisioning
// shape) and a Prometheus alerting rule (what `promtool test rules` evaluates), so the tested PromQL is the
// PromQL Grafana runs.

import { PROMETHEUS_UID } from '../datasources';

export const COMPARISONS = {
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  eq: '==',
  ne: '!=',
} as const;
export type Comparison = keyof typeof COMPARISONS;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertDefinition {
  uid: string;
  /** Prometheus alert name and Grafana rule title. */
  title: string;
  /** PromQL whose value is compared with the threshold (one alert per series it returns). */
  expr: string;
  comparison: Comparison;
  threshold: number;
  /** How long the condition must hold (Prometheus duration), the debounce. */
  for: string;
  severity: Severity;
  team: string;
  /**
   * Summary and description templates: `{{value}}` is the compared value (two decimals), `{{labels.x}}` a
   * label of the series. Rendered to each engine's own template syntax.
   */
  summary: string;
  description: string;
  /** File name in docs/runbooks/. */
  runbook: string;
  dashboardUid?: string;
  panelId?: number;
  /** What Grafana does when the query returns nothing: OK unless absence itself is the problem. */
  noData?: 'OK' | 'Alerting' | 'NoData';
  /** Query range Grafana asks Prometheus for (seconds before now); instant queries only need a little. */
  rangeSeconds?: number;
}

export interface AlertGroup {
  name: string;
  folder: string;
  alerts: AlertDefinition[];
}

/**
 * Where the runbooks are published. Grafana expands the variable when it loads the provisioning file (the
 * stack serves docs/runbooks/ itself); the Prometheus rules point at the repository path.
 */
export const RUNBOOK_BASE = { grafana: '${KPILENS_RUNBOOK_BASE_URL}', prometheus: 'docs/runbooks' };

export function conditionExpr(
  a: Pick<AlertDefinition, 'expr' | 'comparison' | 'threshold'>,
  bool = false,
): string {
  return `(${a.expr}) ${COMPARISONS[a.comparison]}${bool ? ' bool' : ''} ${a.threshold}`;
}

type Engine = 'grafana' | 'prometheus';

/**
 * Renders `{{value}}` and `{{labels.x}}`. Grafana's templates are written in the dot form (.Labels, .Values)
 * rather than $labels/$values: provisioning files go through environment-variable expansion, where a `$`
 * would be read as a variable.
 */
export function renderTemplate(text: string, engine: Engine): string {
  return text
    .replace(
      /\{\{value\}\}/g,
      engine === 'grafana' ? '{{ printf "%.2f" .Values.A.Value }}' : '{{ printf "%.2f" $value }}',
    )
    .replace(/\{\{labels\.([a-zA-Z_][a-zA-Z0-9_]*)\}\}/g, (_m, name: string) =>
      engine === 'grafana' ? `{{ .Labels.${name} }}` : `{{ $labels.${name} }}`,
    );
}

function annotations(a: AlertDefinition, engine: Engine): Record<string, string> {
  const out: Record<string, string> = {
    summary: renderTemplate(a.summary, engine),
    description: renderTemplate(a.description, engine),
    runbook_url: `${RUNBOOK_BASE[engine]}/${a.runbook}`,
  };
  if (a.dashboardUid) out[engine === 'grafana' ? '__dashboardUid__' : 'dashboard_uid'] = a.dashboardUid;
  if (a.panelId !== undefined) out[engine === 'grafana' ? '__panelId__' : 'panel_id'] = String(a.panelId);
  return out;
}

/** Grafana file-provisioning rule: A is the value (for the templates), B the comparison, C the condition. */
export function grafanaRule(a: AlertDefinition): Record<string, unknown> {
  const range = { from: a.rangeSeconds ?? 600, to: 0 };
  const prometheus = (refId: string, expr: string) => ({
    refId,
    relativeTimeRange: range,
    datasourceUid: PROMETHEUS_UID,
    model: {
      refId,
      datasource: { type: 'prometheus', uid: PROMETHEUS_UID },
      expr,
      instant: true,
      range: false,
      intervalMs: 1000,
      maxDataPoints: 43200,
    },
  });
  return {
    uid: a.uid,
    title: a.title,
    condition: 'C',
    data: [
      prometheus('A', a.expr),
      prometheus('B', conditionExpr(a, true)),
      {
        refId: 'C',
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          datasource: { type: '__expr__', uid: '__expr__' },
          type: 'threshold',
          expression: 'B',
          conditions: [{ evaluator: { type: 'gt', params: [0] } }],
        },
      },
    ],
    noDataState: a.noData ?? 'OK',
    execErrState: 'Error',
    for: a.for,
    annotations: annotations(a, 'grafana'),
    labels: { severity: a.severity, team: a.team },
    isPaused: false,
  };
}

/** Prometheus alerting rule of the same condition. */
export function prometheusRule(a: AlertDefinition): Record<string, unknown> {
  return {
    alert: a.title
      .split(/[^A-Za-z0-9]+/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    expr: conditionExpr(a),
    for: a.for,
    labels: { severity: a.severity, team: a.team },
    annotations: annotations(a, 'prometheus'),
  };
}

/** The `groups` document of Grafana alert-rule file provisioning (apiVersion 1). */
export function grafanaRuleGroups(groups: AlertGroup[]): Record<string, unknown> {
  return {
    apiVersion: 1,
    groups: groups.map((g) => ({
      orgId: 1,
      name: g.name,
      folder: g.folder,
      interval: '1m',
      rules: g.alerts.map(grafanaRule),
    })),
  };
}

/** A Prometheus rule file with the same groups. */
export function prometheusRuleGroups(groups: AlertGroup[]): Record<string, unknown> {
  return {
    groups: groups.map((g) => ({ name: g.name, interval: '1m', rules: g.alerts.map(prometheusRule) })),
  };
}
