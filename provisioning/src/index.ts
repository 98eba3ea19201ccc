// What other workspaces use: the alert rule file conversion behind `kpilens alerts build`.
export { buildAlertFiles, renderAlertFiles, type AlertFiles } from './alerts/build';
export { RuleFileError, parseRuleFile } from './alerts/rule-file';
export type { DashboardJson } from './dashboards/json';
