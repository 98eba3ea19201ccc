// `kpilens ml ...` subcommands; the CLI mounts them with registerMlCommands(program.command('ml')).
import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { databaseExamples, organizationId } from '../accounts/training-export';
import { configFrom, withConfigFlags } from '../cli/common';
import { openDb } from '../db/open';
import { formatBenchmarks, runMlBenchmarks } from './bench';
import { migrate } from '../db/migrate';
import { ensureOrganization } from '../store/api-keys';
import { readCreditDefaultCsv } from './credit-default';
import { assertAllAccepted, formatImportReport, importCreditDefault } from './credit-default-import';
import { trainingSetReference, writeDriftReference } from './drift-reference';
import { evaluateCreditDefault, formatEvaluation } from './evaluate';
import { creditDefaultModelDir } from './scorer';
import { writeTrainingSet } from './training-set';

export type LineWriter = (line: string) => void;

const stdout: LineWriter = (line) => process.stdout.write(`${line}\n`);

export function registerMlCommands(ml: Command, out: LineWriter = stdout): Command {
  ml.description('payment-risk model: training data, evaluation, drift reference, benchmarks');

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
      .command('import-credit-default')
      .description(
        'map a file in the UCI credit-default format to accounts, invoices and payments and import them ' +
          'into an organization through the CSV import (as `kpilens import --kind ...`); importing again changes nothing',
      )
      .argument('<file>', 'CSV in the UCI credit-default format')
      .requiredOption('--org <slug>', 'organization to import into (created when missing)')
      .option(
        '--out-dir <dir>',
        'also keep the three import files (accounts.csv, invoices.csv, payments.csv) here',
      )
      .option('--chunk-rows <n>', 'rows written per transaction', '5000'),
  ).action(
    async (
      file: string,
      opts: { org: string; outDir?: string; chunkRows: string } & Record<string, string>,
    ) => {
      const chunkRows = Number(opts.chunkRows);
      if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 100_000)
        throw new Error(
          `--chunk-rows: expected an integer from 1 to 100000, got ${JSON.stringify(opts.chunkRows)}`,
        );
      const rows = readCreditDefaultCsv(file);
      const started = process.hrtime.bigint();
      const db = await openDb(configFrom(opts));
      try {
        await migrate(db);
        const orgId = await ensureOrganization(db, opts.org);
        if (opts.outDir !== undefined) mkdirSync(opts.outDir, { recursive: true });
        const reports = await importCreditDefault(db, orgId, rows, { outDir: opts.outDir, chunkRows });
        reports.forEach((r) => out(formatImportReport(r)));
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        out(`imported ${rows.length} credit-default clients into "${opts.org}" in ${seconds.toFixed(1)} s`);
        assertAllAccepted(reports);
      } finally {
        await db.close();
      }
    },
  );

  withConfigFlags(
    ml
      .command('export-training-set')
      .description(
        'write features (from the shared feature builder) and labels as CSV for training/train.py, from an ' +
          "organization's stored invoices and payments: one row per invoice due by now",
      )
      .requiredOption('--org <slug>', 'organization whose stored accounts give the rows')
      .option(
        '--due-after <date>',
        'only invoices due after this date (credit-default: 2005-10-01, the September statements and the October default)',
      )
      .requiredOption('--out <file>', 'CSV to write'),
  ).action(async (opts: { org: string; dueAfter?: string; out: string } & Record<string, string>) => {
    const dueAfter = opts.dueAfter === undefined ? undefined : new Date(opts.dueAfter);
    if (dueAfter !== undefined && Number.isNaN(dueAfter.getTime()))
      throw new Error(`--due-after: expected an ISO 8601 date, got ${JSON.stringify(opts.dueAfter)}`);
    const db = await openDb(configFrom(opts));
    let examples;
    try {
      const orgId = await organizationId(db, opts.org);
      if (orgId === undefined) throw new Error(`no organization "${opts.org}"`);
      examples = await databaseExamples(db, orgId, new Date(), { dueAfter });
    } finally {
      await db.close();
    }
    writeTrainingSet(opts.out, examples);
    out(`wrote ${examples.length} rows to ${opts.out}`);
  });

  ml.command('drift-reference')
    .description(
      "write the model's reference.json: the training distribution of each feature, for drift (PSI)",
    )
    .requiredOption('--training-set <file>', 'the CSV the model was trained on (from export-training-set)')
    .option('--model <dir>', 'model folder (default: the shipped credit-default model)')
    .action((opts: { trainingSet: string; model?: string }) => {
      const dir = opts.model ?? creditDefaultModelDir();
      const { reference, rows } = trainingSetReference(opts.trainingSet, dir);
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
