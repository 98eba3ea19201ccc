import { Command } from 'commander';
import { registerMlCommands } from '../ml/command';
import { registerNabCommand } from '../nab/command';
import { VERSION } from '../version';
import { registerAlertsCommand } from './alerts';
import { registerAnalyzeCommand } from './analyze';
import { registerDemoCommand } from './demo';
import { registerBenchCommands } from './bench';
import { registerImportCommand } from './import';
import { registerKeysCommand } from './keys';
import { registerMigrateCommand } from './migrate';
import { registerServeCommand } from './serve';

const program = new Command('kpilens')
  .description('KPI Lens exporter: KPI ingestion, storage, analysis and Prometheus metrics')
  .version(VERSION);
registerServeCommand(program);
registerDemoCommand(program);
registerMigrateCommand(program);
registerKeysCommand(program);
registerImportCommand(program);
registerAnalyzeCommand(program);
registerAlertsCommand(program);
registerMlCommands(program.command('ml'));
const bench = program.command('bench').description('benchmarks (figures go to docs/benchmarks.md)');
registerNabCommand(bench);
registerBenchCommands(bench);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`kpilens: ${err.message}\n`);
  process.exit(1);
});
