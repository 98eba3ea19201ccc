import { Transform, type Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { ImportKind, ImportReport } from '@kpilens/contract';
import { storeEvents, type Transactor } from '../events/ingest-events';
import type { NormalizedEvent } from '../events/normalize-events';
import type { NormalizedPoint, TimeBounds } from '../ingest/normalize-points';
import { writePoints, type WriteOutcome } from '../store/points';
import type { SeriesRegistry } from '../store/series';
import { checkHeader, CsvHeaderError, isLedgerKind } from './csv-rows';
import { validateRow } from './validate-row';
import { writeLedgerChunk, type LineRow } from './write-ledger';

export interface ImportOptions {
  kind: ImportKind;
  orgId: number;
  transact: Transactor;
  registry: SeriesRegistry;
  /** time bounds for timestamps (asked again per chunk, so "now" moves along with a long import) */
  bounds: () => TimeBounds;
  /** rows written per transaction */
  chunkRows?: number;
  /** rejections listed in the report (all are counted) */
  maxRejections?: number;
  /** more bytes than this fail the import with ImportTooLargeError */
  byteLimit?: number;
  /** bytes read so far, for a progress bar */
  onProgress?: (bytes: number) => void;
  /** after each committed points chunk (ingestion metrics) */
  onPointsWritten?: (outcome: WriteOutcome) => void;
}

export class ImportTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`import larger than ${limit} bytes`);
  }
}

/** A failure after some chunks were committed: says how far the import got. */
export class ImportInterruptedError extends Error {
  constructor(
    readonly cause: unknown,
    readonly report: ImportReport,
    lastCommittedLine: number,
  ) {
    super(
      `import stopped after ${report.accepted} stored row(s) (through line ${lastCommittedLine}): ` +
        `${(cause as Error)?.message ?? String(cause)}; importing the file again is safe (idempotent)`,
    );
  }
}

function byteCounter(limit: number | undefined, onProgress?: (bytes: number) => void): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (limit !== undefined && bytes > limit) return done(new ImportTooLargeError(limit));
      onProgress?.(bytes);
      done(null, chunk);
    },
  });
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Streams a CSV through validation into the store. Each row is accepted or rejected on its own (with its
 * line number and reason); accepted rows are written a chunk per transaction. The loop awaits each write
 * before pulling more rows, so parsing (and reading the input) pauses meanwhile: memory stays bounded by
 * the chunk size whatever the file size.
 */
export async function importCsv(input: Readable, opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const chunkRows = opts.chunkRows ?? 5000;
  const maxRejections = opts.maxRejections ?? 100;
  const report: ImportReport = {
    kind: opts.kind,
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    rejections: [],
    durationMs: 0,
  };
  const reject = (line: number, reason: string) => {
    report.rejected++;
    if (report.rejections.length < maxRejections) report.rejections.push({ line, reason });
  };
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // A malformed record (bad quoting) is rejected on its own instead of failing the whole import.
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      report.rowsRead++;
      reject((err as { lines?: number } | undefined)?.lines ?? 0, err?.message ?? 'malformed CSV record');
      return undefined;
    },
  });

  let points: NormalizedPoint[] = [];
  let events: NormalizedEvent[] = [];
  let ledger: LineRow[] = [];
  let lastLine = 0;
  let lastCommittedLine = 0;
  let bounds = opts.bounds();
  /** Writes a chunk; answers how many of its rows were stored (ledger rows can still be refused). */
  const write = async (
    chunkPoints: NormalizedPoint[],
    chunkEvents: NormalizedEvent[],
    chunkLedger: LineRow[],
  ): Promise<number> => {
    if (chunkPoints.length) {
      const outcome = await opts.transact((tx) => writePoints(tx, opts.registry, opts.orgId, chunkPoints));
      opts.registry.remember(opts.orgId, outcome.created);
      opts.onPointsWritten?.(outcome);
    }
    if (chunkEvents.length) await storeEvents(opts.transact, opts.registry, opts.orgId, chunkEvents);
    if (chunkLedger.length && isLedgerKind(opts.kind)) {
      const r = await writeLedgerChunk(opts.transact, opts.orgId, opts.kind, chunkLedger);
      for (const x of r.rejections) reject(x.line, x.reason);
      return chunkPoints.length + chunkEvents.length + r.accepted;
    }
    return chunkPoints.length + chunkEvents.length;
  };
  // One chunk is written while the next one is parsed and validated (the database works while this thread
  // parses), never more: memory stays bounded by two chunks, and chunks commit in file order.
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  const settle = async () => {
    await writing;
    if (writeError !== null)
      throw new ImportInterruptedError(
        writeError,
        { ...report, durationMs: Date.now() - started },
        lastCommittedLine,
      );
  };
  const flush = async () => {
    await settle();
    if (points.length + events.length + ledger.length === 0) return;
    const chunkLast = lastLine;
    writing = write(points, events, ledger).then(
      (stored) => {
        report.accepted += stored;
        lastCommittedLine = chunkLast;
      },
      (err: unknown) => {
        writeError = err;
      },
    );
    points = [];
    events = [];
    ledger = [];
    bounds = opts.bounds();
  };

  // Piped by hand rather than with pipeline(): a failure must not destroy the input, which for HTTP is the
  // request (destroying it would take the socket, and the error response, with it).
  const counter = byteCounter(opts.byteLimit, opts.onProgress);
  const fail = (err: Error) => parser.destroy(err);
  input.on('error', fail);
  counter.on('error', fail);
  input.pipe(counter).pipe(parser);
  try {
    let header: string[] | null = null;
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      if (header === null) {
        checkHeader(opts.kind, record);
        header = record;
        continue;
      }
      report.rowsRead++;
      const verdict = validateRow(opts.kind, header, record, bounds);
      if ('reason' in verdict) {
        reject(info.lines, verdict.reason);
        continue;
      }
      if ('point' in verdict) points.push(verdict.point);
      else if ('event' in verdict) events.push(verdict.event);
      else ledger.push({ line: info.lines, row: verdict.ledger });
      lastLine = info.lines;
      if (points.length + events.length + ledger.length >= chunkRows) await flush();
    }
    if (header === null) throw new CsvHeaderError('empty file: expected a header line');
    await flush();
    await settle();
  } catch (err) {
    await writing;
    // A header error comes before any write; anything later (input too large, read failure) reports how
    // far the import got, since the chunks before it are committed.
    if (err instanceof CsvHeaderError || err instanceof ImportInterruptedError) throw err;
    throw new ImportInterruptedError(err, { ...report, durationMs: Date.now() - started }, lastCommittedLine);
  } finally {
    input.unpipe(counter);
    input.off('error', fail);
    counter.destroy();
  }
  report.durationMs = Date.now() - started;
  // Rows refused at write time (unknown accounts) arrive after later rows' checks: list them in file order.
  report.rejections.sort((a, b) => a.line - b.line);
  return report;
}
