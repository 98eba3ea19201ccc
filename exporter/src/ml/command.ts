// `kpilens ml ...` subcommands; the CLI mounts them with registerMlCommands(program.command('ml')).
import type { Command } from 'commander';
import { databaseExamples, organizationId } from '../accounts/training-export';
import { configFrom, withConfigFlags } from '../cli/common';
import { openDb } from '../db/open';
import { formatBenchmarks, runMlBenchmarks } from './bench';
import { readCreditDefaultCsv } from './credit-default';
import { creditDefaultReference, writeDriftReference } from './drift-reference';
import { evaluateCreditDefault, formatEvaluation } from './evaluate';
import { creditDefaultModelDir } from './scorer';
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

  withConfigFlags(
    ml
      .command('export-training-set')
      .description(
        'write features (from the shared feature builder) and labels as CSV for training/train.py, ' +
          "from a credit-default file or from an organization's invoices and payments in the database",
      )
      .option('--credit-default <file>', 'CSV in the UCI credit-default format')
      .option('--org <slug>', 'organization whose stored accounts give the rows (one per invoice due by now)')
      .requiredOption('--out <file>', 'CSV to write'),
  ).action(async (opts: { creditDefault?: string; org?: string; out: string } & Record<string, string>) => {
    if ((opts.creditDefault === undefined) === (opts.org === undefined))
      throw new Error('give exactly one source: --credit-default <file> or --org <slug>');
    let examples;
    if (opts.creditDefault !== undefined) {
      examples = creditDefaultExamples(readCreditDefaultCsv(opts.creditDefault));
    } else {
      const db = await openDb(configFrom(opts));
      try {
        const orgId = await organizationId(db, opts.org!);
        if (orgId === undefined) throw new Error(`no organization "${opts.org}"`);
        examples = await databaseExamples(db, orgId, new Date());
      } finally {
        await db.close();
      }
    }
    writeTrainingSet(opts.out, examples);
    out(`wrote ${examples.length} rows to ${opts.out}`);
  });

  ml.command('drift-reference')
    .description(
      "write the model's reference.json: the training distribution of each feature, for drift (PSI)",
    )
    .requiredOption(
      '--credit-default <file>',
      'the CSV the model was trained from (UCI credit-default format)',
    )
    .option('--model <dir>', 'model folder (default: the shipped credit-default model)')
    .action((opts: { creditDefault: string; model?: string }) => {
      const dir = opts.model ?? creditDefaultModelDir();
      const { reference, rows } = creditDefaultReference(opts.creditDefault, dir);
      writeDriftReference(dir, reference);
      out(
        `wrote the distribution of ${reference.features.length} features over ${rows} training rows to ${dir}`,
      );
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
