// Imports the credit-default file into an organization through the CSV import of the core (the code
// behind `kpilens import` and POST /api/v1/import/{kind}): the converter's three files go through the
// same row checks and ledger writes as a user's, so training reads them back like any other data.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportReport } from '@kpilens/contract';
import { importCsv } from '../csv/import-csv';
import { databaseExamples } from '../accounts/training-export';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { PgliteDb } from '../db/pglite-db';
import { directTransactor } from '../events/ingest-events';
import { ensureOrganization } from '../store/api-keys';
import { SeriesRegistry } from '../store/series';
import {
  CREDIT_DEFAULT_AS_OF,
  type CreditDefaultFileKind,
  type CreditDefaultRow,
  LEDGER_COLUMNS,
  creditDefaultImportCsv,
} from './credit-default';
import type { TrainingExample } from './training-set';

/** Accounts first: an invoice or payment naming an account not yet imported would be rejected. */
export const CREDIT_DEFAULT_KINDS = Object.keys(LEDGER_COLUMNS) as CreditDefaultFileKind[];

export interface CreditDefaultImportOptions {
  /** Also write the three import files here (accounts.csv, invoices.csv, payments.csv) and import those. */
  outDir?: string;
  /** Rows written per transaction. */
  chunkRows?: number;
}

export async function importCreditDefault(
  db: Db,
  orgId: number,
  rows: readonly CreditDefaultRow[],
  options: CreditDefaultImportOptions = {},
): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const kind of CREDIT_DEFAULT_KINDS) {
    let input: Readable;
    if (options.outDir !== undefined) {
      const file = join(options.outDir, `${kind}.csv`);
      writeFileSync(file, [...creditDefaultImportCsv(kind, rows)].join(''));
      input = createReadStream(file);
    } else {
      input = Readable.from(creditDefaultImportCsv(kind, rows));
    }
    reports.push(
      await importCsv(input, {
        kind,
        orgId,
        transact: directTransactor(db),
        registry: new SeriesRegistry(),
        // Time bounds apply to KPI points only; ledger rows carry their own dates (2005 here).
        bounds: () => ({ nowMs: Date.now(), minMs: 0, maxFutureSkewMs: 0 }),
        chunkRows: options.chunkRows,
      }),
    );
  }
  return reports;
}

/** Throws with the first rejections when any row was refused: a model must not train on a partial import. */
export function assertAllAccepted(reports: readonly ImportReport[]): void {
  const refused = reports.filter((r) => r.rejected > 0);
  if (refused.length === 0) return;
  const lines = refused.flatMap((r) =>
    r.rejections.slice(0, 5).map((x) => `${r.kind} line ${x.line}: ${x.reason}`),
  );
  throw new Error(
    `credit-default import rejected ${refused.map((r) => `${r.rejected} ${r.kind}`).join(', ')} row(s):\n${lines.join('\n')}`,
  );
}

export function formatImportReport(r: ImportReport): string {
  return (
    `${r.kind.padEnd(9)} ${r.rowsRead} row(s) read, ${r.accepted} accepted, ${r.rejected} rejected ` +
    `in ${(r.durationMs / 1000).toFixed(1)} s`
  );
}

/**
 * The training rows of imported credit-default clients, read back as `kpilens ml export-training-set
 * --org ... --due-after 2005-10-01` reads them: the September statements (due in October), features as
 * of their issue date, label = paid by the due date.
 */
export function creditDefaultDatabaseExamples(db: Db, orgId: number): Promise<TrainingExample[]> {
  return databaseExamples(db, orgId, new Date(), { dueAfter: CREDIT_DEFAULT_AS_OF });
}

/** Imports the rows into a throwaway embedded database and reads the training rows back. */
export async function creditDefaultExamplesThroughImport(
  rows: readonly CreditDefaultRow[],
): Promise<TrainingExample[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kpilens-credit-default-'));
  const db = await PgliteDb.open(dir);
  try {
    await migrate(db);
    const orgId = await ensureOrganization(db, 'credit-default');
    assertAllAccepted(await importCreditDefault(db, orgId, rows));
    return await creditDefaultDatabaseExamples(db, orgId);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
