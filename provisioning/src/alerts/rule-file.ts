// The alertRules.json shape (one object per rule) and its conversion into alert definitions, so a rule file
// becomes Grafana provisioning and a Prometheus rule file (kpilens alerts build).

import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ALERT_FOLDER } from '../datasources';
import type { DashboardJson } from '../dashboards/json';
import {
  COMPARISONS,
  SEVERITIES,
  type AlertDefinition,
  type AlertGroup,
  type Comparison,
} from './definition';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** How the KPI's values over the window are reduced before the comparison, with its PromQL function. */
export const AGGREGATIONS = {
  avg: 'avg_over_time',
  min: 'min_over_time',
  max: 'max_over_time',
  last: 'last_over_time',
  p95: 'quantile_over_time',
} as const;
export type Aggregation = keyof typeof AGGREGATIONS;

const NAME = '^[a-z][a-z0-9_]*$';
/** Prometheus durations as a rule author writes them: 15m, 1h, 1d. */
const DURATION = '^[1-9][0-9]*(s|m|h|d|w)$';

export const RuleFileEntry = Type.Object(
  {
    // unique; `kpilens-rule-<id>` is the Grafana rule uid, at most 40 characters
    id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,26}$' }),
    modelName: Type.String({ pattern: NAME }),
    metricName: Type.String({ pattern: NAME }),
    threshold: Type.Number(),
    comparison: lit(Object.keys(COMPARISONS) as Comparison[]),
    severity: lit(SEVERITIES),
    message: Type.String({ minLength: 1 }),
    metadata: Type.Object(
      {
        timeWindow: Type.String({ pattern: DURATION }),
        aggregation: lit(Object.keys(AGGREGATIONS) as Aggregation[]),
        debounceMinutes: Type.Integer({ minimum: 0, maximum: 10080 }),
        /** Only the series with these dimensions (dimension keys as the API names them: campaignId). */
        dimensions: Type.Optional(
          Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }), Type.String()),
        ),
        team: Type.Optional(Type.String({ pattern: NAME })),
        title: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type RuleFileEntry = Static<typeof RuleFileEntry>;
export const RuleFile = Type.Array(RuleFileEntry, { minItems: 1 });

export class RuleFileError extends Error {
  constructor(readonly problems: Array<{ path: string; message: string }>) {
    super(`invalid alert rule file:\n${problems.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n')}`);
    this.name = 'RuleFileError';
  }
}

function expected(schema: { pattern?: string; anyOf?: Array<{ const?: unknown }> }, message: string): string {
  if (schema.anyOf?.every((s) => s.const !== undefined))
    return `expected one of ${schema.anyOf.map((s) => JSON.stringify(s.const)).join(', ')}`;
  if (schema.pattern === DURATION) return 'expected a duration such as 15m, 1h or 1d';
  return message;
}

/** Parses and checks a rule file; every problem is reported with its JSON path and what was expected. */
export function parseRuleFile(text: string): RuleFileEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new RuleFileError([{ path: '', message: `not JSON: ${(err as Error).message}` }]);
  }
  const problems = [...Value.Errors(RuleFile, data)]
    // a union reports each branch too: keep the first problem of each path
    .filter((e, i, all) => all.findIndex((o) => o.path === e.path) === i)
    .map((e) => ({ path: e.path, message: expected(e.schema as never, e.message) }));
  if (problems.length) throw new RuleFileError(problems);
  const rules = data as RuleFileEntry[];
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    if (seen.has(r.id))
      problems.push({
        path: `/${i}/id`,
        message: `duplicate id ${JSON.stringify(r.id)} (first at /${seen.get(r.id)}/id)`,
      });
    seen.set(r.id, i);
    if (r.metadata.aggregation === 'p95' && r.metadata.timeWindow.endsWith('s'))
      problems.push({ path: `/${i}/metadata/timeWindow`, message: 'expected at least a minute for p95' });
  });
  if (problems.length) throw new RuleFileError(problems);
  return rules;
}

/** Dimension key to Prometheus label, as the exporter names them in kpi_value (campaignId -> campaign_id). */
export function labelName(dimensionKey: string): string {
  return dimensionKey
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

const quote = (v: string) => JSON.stringify(v);

/** The PromQL of a rule: the KPI's gauge reduced over the window, one result per series. */
export function ruleExpr(r: RuleFileEntry): string {
  const matchers = [`model=${quote(r.modelName)}`, `metric=${quote(r.metricName)}`];
  for (const [k, v] of Object.entries(r.metadata.dimensions ?? {}))
    matchers.push(`${labelName(k)}=${quote(v)}`);
  const selector = `kpi_value{${matchers.join(',')}}[${r.metadata.timeWindow}]`;
  const fn = AGGREGATIONS[r.metadata.aggregation];
  return r.metadata.aggregation === 'p95' ? `${fn}(0.95, ${selector})` : `${fn}(${selector})`;
}

/** Seconds of a duration such as 15m, for the query range Grafana asks for. */
function seconds(duration: string): number {
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[duration.slice(-1) as 's'];
  return Number(duration.slice(0, -1)) * unit;
}

/**
 * Where an on-call engineer looks at a KPI: the dashboard panel drawing the model's series with their
 * anomaly band (the ops dashboards of the built-in models). None for a model without such a panel.
 */
export function kpiPanelLink(
  model: string,
  boards: DashboardJson[],
): Pick<AlertDefinition, 'dashboardUid' | 'panelId'> {
  for (const board of boards)
    for (const panel of board.panels) {
      const targets = (panel.targets ?? []) as Array<{ queryType?: string; model?: string }>;
      if (targets.some((t) => t.queryType === 'anomalyBand' && t.model === model))
        return { dashboardUid: board.uid, panelId: panel.id };
    }
  return {};
}

/** One rule as an alert definition, linked to its KPI's panel among `boards` when there is one. */
export function toAlertDefinition(r: RuleFileEntry, boards: DashboardJson[] = []): AlertDefinition {
  const dims = Object.entries(r.metadata.dimensions ?? {}).map(([k, v]) => `${k}=${v}`);
  return {
    uid: `kpilens-rule-${r.id}`,
    title: r.metadata.title ?? `${r.modelName} ${r.metricName} ${r.id}`,
    expr: ruleExpr(r),
    comparison: r.comparison,
    threshold: r.threshold,
    for: `${r.metadata.debounceMinutes}m`,
    severity: r.severity,
    team: r.metadata.team ?? r.modelName,
    summary: `${r.message} ({{value}})`,
    description:
      `${r.modelName}/${r.metricName} (${r.metadata.aggregation} over ${r.metadata.timeWindow}) is {{value}}, ` +
      `${COMPARISONS[r.comparison]} ${r.threshold} for ${r.metadata.debounceMinutes} min, organization ` +
      `{{labels.org}}${dims.length ? `, ${dims.join(', ')}` : ''}.`,
    runbook: 'kpi-threshold.md',
    rangeSeconds: seconds(r.metadata.timeWindow) + 60,
    ...kpiPanelLink(r.modelName, boards),
  };
}

/** Rule-file rules as alert groups, one per KPI model (Grafana evaluates each group on its own). */
export function ruleFileGroups(rules: RuleFileEntry[], boards: DashboardJson[] = []): AlertGroup[] {
  const byModel = new Map<string, AlertDefinition[]>();
  for (const r of rules) {
    const list = byModel.get(r.modelName) ?? [];
    list.push(toAlertDefinition(r, boards));
    byModel.set(r.modelName, list);
  }
  return [...byModel].map(([model, alerts]) => ({
    name: `kpilens-rules-${model}`,
    folder: ALERT_FOLDER,
    alerts,
  }));
}
