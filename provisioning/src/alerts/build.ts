import { stringify } from 'yaml';
import type { DashboardJson } from '../dashboards/json';
import { grafanaRuleGroups, prometheusRuleGroups, type AlertGroup } from './definition';
import { parseRuleFile, ruleFileGroups } from './rule-file';

export const GENERATED_HEADER = (source: string) =>
  `# Generated from ${source} by KPI Lens (provisioning/README.md); edit the source, not this file.\n`;

/** YAML as the generated files hold it: block style, long lines kept whole (PromQL stays readable). */
export function toYaml(doc: unknown): string {
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

export interface AlertFiles {
  /** Grafana alert-rule file provisioning. */
  grafana: string;
  /** Prometheus rule file of the same conditions. */
  prometheus: string;
}

export function renderAlertFiles(groups: AlertGroup[], source: string): AlertFiles {
  return {
    grafana: GENERATED_HEADER(source) + toYaml(grafanaRuleGroups(groups)),
    prometheus: GENERATED_HEADER(source) + toYaml(prometheusRuleGroups(groups)),
  };
}

/**
 * `kpilens alerts build`: an alertRules.json text to both files (throws RuleFileError on bad input). Rules
 * on a model with an ops dashboard among `boards` link to its anomaly-band panel.
 */
export function buildAlertFiles(
  ruleFileText: string,
  source = 'alertRules.json',
  boards: DashboardJson[] = [],
): AlertFiles {
  return renderAlertFiles(ruleFileGroups(parseRuleFile(ruleFileText), boards), source);
}
