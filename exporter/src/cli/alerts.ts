import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildAlertFiles, type DashboardJson } from '@kpilens/provisioning';
import type { Command } from 'commander';

/** The provisioned dashboards beside the provisioning package, when they are there (not in the image). */
function defaultDashboardsDir(): string | undefined {
  const dir = join(dirname(require.resolve('@kpilens/provisioning/package.json')), 'dashboards');
  return existsSync(dir) ? dir : undefined;
}

function readDashboards(dir: string): DashboardJson[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DashboardJson);
  } catch (err) {
    throw new Error(`--dashboards: cannot read dashboards from ${dir}: ${(err as Error).message}`);
  }
}

export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('alert rules as code (provisioning/README.md)');
  alerts
    .command('build')
    .description(
      'turn an alert rule file (alertRules.json shape) into Grafana provisioning and Prometheus rules',
    )
    .requiredOption('--in <file>', 'rule file: a JSON array of {id, modelName, metricName, threshold, ...}')
    .option('--grafana <file>', 'write the Grafana alert-rule provisioning YAML here')
    .option('--prometheus <file>', 'write the Prometheus rule file here')
    .option(
      '--dashboards <dir>',
      "dashboard JSON files: each rule links the anomaly-band panel of its model's dashboard " +
        '(default: provisioning/dashboards when present)',
    )
    .action((opts: { in: string; grafana?: string; prometheus?: string; dashboards?: string }) => {
      if (!opts.grafana && !opts.prometheus)
        throw new Error('expected --grafana <file> and/or --prometheus <file>');
      let text: string;
      try {
        text = readFileSync(opts.in, 'utf8');
      } catch (err) {
        throw new Error(`--in: cannot read ${opts.in}: ${(err as Error).message}`);
      }
      // a RuleFileError lists every problem with its JSON path; main.ts prints it and exits 1
      const dir = opts.dashboards ?? defaultDashboardsDir();
      const files = buildAlertFiles(text, opts.in, dir ? readDashboards(dir) : []);
      for (const [target, content] of [
        [opts.grafana, files.grafana],
        [opts.prometheus, files.prometheus],
      ] as const) {
        if (!target) continue;
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
        process.stdout.write(`wrote ${target}\n`);
      }
    });
}
