import type { Command } from 'commander';
import { countActiveKeys } from '../store/api-keys';
import { startExporter } from '../server';
import { configFrom, onSignals, withConfigFlags } from './common';

export function printUrls(url: string): void {
  process.stdout.write(
    [
      '',
      'KPI Lens exporter is running:',
      `  API      ${url}/api/v1   (Authorization: Bearer <key>)`,
      `  Docs     ${url}/docs   (OpenAPI: ${url}/api/v1/openapi.json)`,
      `  Metrics  ${url}/metrics`,
      `  Health   ${url}/health   Ready ${url}/ready`,
      '',
    ].join('\n'),
  );
}

export function registerServeCommand(program: Command): void {
  withConfigFlags(
    program
      .command('serve')
      .description('run the exporter: HTTP API, /metrics, background rollups')
      .option('--no-migrate', 'do not apply pending migrations at start'),
    true,
  ).action(async (opts) => {
    const config = configFrom(opts);
    const running = await startExporter(config, { migrate: opts.migrate });
    onSignals(running.stop);
    printUrls(running.url);
    if ((await countActiveKeys(running.ctx.db)) === 0)
      process.stdout.write(
        'No API key exists yet. Create one (it is shown once):\n' +
          '  npx kpilens keys create --org my-company --name my-integration --scopes ingest,read\n\n',
      );
  });
}
