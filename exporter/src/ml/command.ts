// `kpilens ml ...` subcommands; the CLI mounts them with registerMlCommands(program.command('ml')).
import type { Command } from 'commander';
import { formatBenchmarks, runMlBenchmarks } from './bench';
import { readCreditDefaultCsv } from './credit-default';
import { evaluateCreditDefault, formatEvaluation } from './evaluate';
import { creditDefaultExamples, writeTrainingSet } from './training-set';

export type LineWriter = (line: string) => void;

const stdout: LineWriter = (line) => process.stdout.write(`${line}\n`);

export function registerMlCommands(ml: Command, out: LineWriter = stdout): Command {
  ml.description('payment-risk model: evaluation and training data');

  ml.command('evaluate')
    .description(
      'run the shipped credit-default model on a file of that format and print ROC-AUC, Brier, ECE',
    )
    .requiredOption('--credit-default <file>', 'CSV in the UCI credit-default format')
    .option('--model <dir>', 'model folder (default: the shipped credit-default model)')
    .option('--held-out', "only the clients held out from the model's training")
    .action(async (opts: { creditDefault: string; model?: string; heldOut?: boolean }) => {
      const report = await evaluateCreditDefault(opts.creditDefault, {
        modelDir: opts.model,
        heldOutOnly: opts.heldOut === true,
      });
      formatEvaluation(report).forEach((line) => out(line));
    });

  ml.command('export-training-set')
    .description('write features (from the shared feature builder) and labels as CSV for training/train.py')
    .requiredOption('--credit-default <file>', 'CSV in the UCI credit-default format')
    .requiredOption('--out <file>', 'CSV to write')
    .action((opts: { creditDefault: string; out: string }) => {
      const examples = creditDefaultExamples(readCreditDefaultCsv(opts.creditDefault));
      writeTrainingSet(opts.out, examples);
      out(`wrote ${examples.length} rows to ${opts.out}`);
    });

  ml.command('bench')
    .description(
      'inference rows/s at batch 1, 100, 10k and TreeSHAP explanations/s, each against a naive baseline',
    )
    .option('--model <dir>', 'model folder (default: the shipped credit-default model)')
    .option('--seconds <s>', 'time per measurement', '1')
    .action(async (opts: { model?: string; seconds: string }) => {
      const results = await runMlBenchmarks({ modelDir: opts.model, minSeconds: Number(opts.seconds) });
      formatBenchmarks(results).forEach((line) => out(line));
    });

  return ml;
}
