// Writes every generated provisioning file (dashboards, Grafana and Prometheus provisioning) from the
// TypeScript definitions: `npm run generate -w provisioning`. A test fails when the checked-in files differ.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILT_IN_ALERT_GROUPS } from './alerts/builtin';
import { buildAlertFiles, GENERATED_HEADER, renderAlertFiles, toYaml } from './alerts/build';
import type { AlertDefinition } from './alerts/definition';
import { contactPointsFile, notificationPoliciesFile } from './alerts/notifications';
import { dashboards } from './dashboards';
import { appsFile, dashboardProvidersFile, datasourcesFile } from './grafana-provisioning';
import { recordingRuleFile } from './recording-rules';

/** The provisioning/ folder. */
export const ROOT = join(__dirname, '..');
/** The sample rule file turned into alerts by `kpilens alerts build` (and here). */
export const SAMPLE_RULE_FILE = 'alerts/alertRules.json';

export { dashboards, type DashboardJson } from './dashboards';

/** Built-in alerts with their panel ids resolved from the dashboards (a missing panel is an error). */
export function builtInAlertGroups(boards = dashboards()) {
  return BUILT_IN_ALERT_GROUPS.map((g) => ({
    ...g,
    alerts: g.alerts.map(({ panelTitle, ...a }): AlertDefinition => {
      if (!panelTitle) return a;
      const board = boards.find((b) => b.uid === a.dashboardUid);
      const panel = board?.panels.find((p) => p.title === panelTitle);
      if (!panel) throw new Error(`alert ${a.uid}: no panel "${panelTitle}" in dashboard ${a.dashboardUid}`);
      return { ...a, panelId: panel.id };
    }),
  }));
}

/** Every generated file: path under provisioning/ -> content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const boards = dashboards();
  for (const b of boards) files.set(`dashboards/${b.uid}.json`, `${JSON.stringify(b, null, 2)}\n`);
  const yaml = (doc: unknown, source: string) => GENERATED_HEADER(source) + toYaml(doc);
  files.set('grafana/datasources/kpilens.yaml', yaml(datasourcesFile(), 'src/grafana-provisioning.ts'));
  files.set('grafana/dashboards/kpilens.yaml', yaml(dashboardProvidersFile(), 'src/grafana-provisioning.ts'));
  files.set('grafana/plugins/kpilens.yaml', yaml(appsFile(), 'src/grafana-provisioning.ts'));
  files.set('grafana/alerting/contact-points.yaml', yaml(contactPointsFile(), 'src/alerts/notifications.ts'));
  files.set(
    'grafana/alerting/policies.yaml',
    yaml(notificationPoliciesFile(), 'src/alerts/notifications.ts'),
  );
  const builtIn = renderAlertFiles(builtInAlertGroups(boards), 'src/alerts/builtin.ts');
  files.set('grafana/alerting/rules.yaml', builtIn.grafana);
  files.set('prometheus/rules/alerts.yml', builtIn.prometheus);
  files.set('prometheus/rules/recording.yml', yaml(recordingRuleFile(), 'src/recording-rules.ts'));
  const sample = buildAlertFiles(
    readFileSync(join(ROOT, SAMPLE_RULE_FILE), 'utf8'),
    SAMPLE_RULE_FILE,
    boards,
  );
  files.set('grafana/alerting/kpi-rules.yaml', sample.grafana);
  files.set('prometheus/rules/kpi-rules.yml', sample.prometheus);
  return files;
}

if (require.main === module) {
  for (const [path, content] of generatedFiles()) {
    const target = join(ROOT, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    process.stdout.write(`wrote provisioning/${path}\n`);
  }
}
