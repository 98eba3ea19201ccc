// Stand-alone entry until the CLI wires `bench nab`: tsx exporter/src/nab/run-nab.ts --data DIR [...]

import { Command } from 'commander';
import { registerNabCommand } from './command';

const bench = new Command('bench');
registerNabCommand(bench);
bench.parseAsync(['node', 'bench', 'nab', ...process.argv.slice(2)]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
