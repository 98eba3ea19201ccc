import { createReadStream, statSync } from 'node:fs';
import { ImportKinds, type ImportKind, type ImportReport } from '@kpilens/contract';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { importCsv } from '../csv/import-csv';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import { directTransactor } from '../events/ingest-events';
import { runRollups } from '../store/rollups';
import { SeriesRegistry } from '../store/series';
import { configFrom, withConfigFlags } from './common';

/** Exit status when the file was imported but some rows were rejected (listed in the report). */
export const EXIT_ROWS_REJECTED = 3;

function summary(file: string, r: ImportReport): string {
  const lines = [
    `imported ${r.kind} from ${file}: ${r.rowsRead} row(s) read, ${r.accepted} accepted, ${r.rejected} rejected ` +
      `in ${(r.durationMs / 1000).toFixed(1)} s`,
    ...r.rejections.map((x) => `  line ${x.line}: ${x.reason}`),
  ];
  if (r.rejected > r.rejections.length)
    lines.push(`  (first ${r.rejections.length} of ${r.rejected} listed)`);
  return lines.join('\n') + '\n';
}

export function registerImportCommand(program: Command): void {
  withConfigFlags(
    program
      .command('import')
      .description(
        'import KPI points, business events, or payment-risk accounts, invoices or payments from a CSV file ' +
          'straight into the database (streamed: any ' +
          'file size; each row accepted or rejected on its own; importing the same file again changes nothing)',
      )
      .argument('<file>', 'CSV file (formats: docs/events.md, docs/ml.md)')
      .requiredOption('--kind <kind>', `what the file holds: ${ImportKinds.join(', ')}`)
      .requiredOption(
        '--org <slug>',
        'organization the data belongs to (it must exist: see `kpilens keys create`)',
      )
      .option('--chunk-rows <n>', 'rows written per transaction', '5000')
      .option('--json', 'print the report as JSON on stdout')
      .option('--no-progress', 'no progress bar on stderr'),
  ).action(async (file: string, opts) => {
    if (!(ImportKinds as readonly string[]).includes(opts.kind))
      throw new Error(`--kind: expected one of ${ImportKinds.join(', ')}, got ${JSON.stringify(opts.kind)}`);
    const chunkRows = Number(opts.chunkRows);
    if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 100_000)
      throw new Error(
        `--chunk-rows: expected an integer from 1 to 100000, got ${JSON.stringify(opts.chunkRows)}`,
      );
    const size = statSync(file).size;
    const config = configFrom(opts);
    const db = await openDb(config);
    try {
      await migrate(db);
      const org = await db.query<{ id: number }>('SELECT id FROM organizations WHERE slug = $1', [opts.org]);
      if (!org.rows[0])
        throw new Error(
          `no organization "${opts.org}"; create it with \`kpilens keys create --org ${opts.org}\``,
        );
      const bar = opts.progress && process.stderr.isTTY ? new SingleBar({ stream: process.stderr }) : null;
      bar?.start(size, 0);
      let report: ImportReport;
      try {
        report = await importCsv(createReadStream(file), {
          kind: opts.kind as ImportKind,
          orgId: org.rows[0].id,
          transact: directTransactor(db),
          registry: new SeriesRegistry(),
          bounds: () => ({
            nowMs: Date.now(),
            minMs: Date.parse(config.minTimestamp),
            maxFutureSkewMs: config.maxFutureSkewMs,
          }),
          chunkRows,
          onProgress: (bytes) => bar?.update(bytes),
        });
      } finally {
        bar?.stop();
      }
      // Fold the new points into the rollups now, so the data reads right even before an exporter runs.
      while ((await runRollups(db)) > 0);
      process.stdout.write(opts.json ? JSON.stringify(report) + '\n' : summary(file, report));
      if (report.rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    } finally {
      await db.close();
    }
  });
}
