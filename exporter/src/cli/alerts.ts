import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildAlertFiles } from '@kpilens/provisioning';
import type { Command } from 'commander';

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
    .action((opts: { in: string; grafana?: string; prometheus?: string }) => {
      if (!opts.grafana && !opts.prometheus)
        throw new Error('expected --grafana <file> and/or --prometheus <file>');
      let text: string;
      try {
        text = readFileSync(opts.in, 'utf8');
      } catch (err) {
        throw new Error(`--in: cannot read ${opts.in}: ${(err as Error).message}`);
      }
      // a RuleFileError lists every problem with its JSON path; main.ts prints it and exits 1
      const files = buildAlertFiles(text, opts.in);
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
