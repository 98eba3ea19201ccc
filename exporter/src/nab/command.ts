// `bench nab` subcommand; the CLI adds it to its `bench` command with registerNabCommand(bench).

import type { Command } from 'commander';
import { formatReport, runNab } from './runner';

export interface NabCommandOptions {
  data: string;
  labels?: string;
  out?: string;
  windows?: string;
  profiles?: string;
}

export function registerNabCommand(bench: Command): Command {
  return bench
    .command('nab')
    .description(
      'Run the streaming anomaly detector causally over the NAB corpus, write the score files and, with labels, print the normalised NAB scores',
    )
    .requiredOption('--data <dir>', 'corpus folder holding <category>/<file>.csv (timestamp,value)')
    .option('--labels <file>', 'combined_labels.json (or combined_windows.json); enables scoring')
    .option('--out <dir>', 'write <category>/<file>.csv with timestamp,value,anomaly_score here')
    .option('--windows <file>', 'combined_windows.json (default: the one beside --labels)')
    .option('--profiles <file>', "profiles.json with the cost matrices (default: NAB's three profiles)")
    .action(async (options: NabCommandOptions) => {
      const result = await runNab({
        dataDir: options.data,
        outDir: options.out,
        labelsFile: options.labels,
        windowsFile: options.windows,
        profilesFile: options.profiles,
      });
      process.stdout.write(formatReport(result) + '\n');
    });
}
