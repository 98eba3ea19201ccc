import {
  AccountInput,
  ContentPerformanceEvent,
  InvoiceInput,
  PaymentInput,
  DIMENSION_KEY_PATTERN,
  EventTypes,
  PaymentEvent,
  SignupCompletedEvent,
  SignupStartedEvent,
  type BusinessEvent,
  type ImportKind,
  type KpiPoint,
} from '@kpilens/contract';

/**
 * CSV rows to API objects. A cell is text: numbers are parsed where the schema wants a number, an empty
 * cell means "absent", and everything else is left for the schema check to judge, so a CSV row gets the
 * same verdict as the same item sent as JSON.
 */

export const POINT_COLUMNS = ['timestamp', 'modelName', 'metricName', 'value'] as const;
export const EVENT_COLUMNS = ['type', 'id', 'timestamp'] as const;

/** The payment-risk ledger: a file per kind, its columns the fields of the JSON batch API's items. */
export const LEDGER_SCHEMAS = { accounts: AccountInput, invoices: InvoiceInput, payments: PaymentInput };
export type LedgerKind = keyof typeof LEDGER_SCHEMAS;
export const isLedgerKind = (kind: ImportKind): kind is LedgerKind => kind in LEDGER_SCHEMAS;

const EVENT_SCHEMAS = [ContentPerformanceEvent, SignupStartedEvent, SignupCompletedEvent, PaymentEvent];
const DIM_KEY = new RegExp(DIMENSION_KEY_PATTERN);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const EPOCH_MS = /^\d+$/;

/** Names of a schema's number fields (cells parsed as numbers). */
function numericFields(schema: { properties: object }): Set<string> {
  return new Set(
    Object.entries(schema.properties as Record<string, { type?: string }>)
      .filter(([, p]) => p.type === 'number' || p.type === 'integer')
      .map(([k]) => k),
  );
}

/** Numeric fields of each event type, read from the contract's schemas. */
const NUMERIC_FIELDS: Record<string, Set<string>> = Object.fromEntries(
  EVENT_SCHEMAS.map((s) => [s.properties.type.const, numericFields(s)]),
);
const LEDGER_NUMERIC = {
  accounts: numericFields(AccountInput),
  invoices: numericFields(InvoiceInput),
  payments: numericFields(PaymentInput),
};

/** Every field some event type has: a column outside this set is a typo, refused for the whole file. */
const EVENT_FIELDS = new Set(EVENT_SCHEMAS.flatMap((s) => Object.keys(s.properties)));

export class CsvHeaderError extends Error {}

/** Checks the header line; throws naming what is wrong and what was expected. */
export function checkHeader(kind: ImportKind, header: string[]): void {
  if (isLedgerKind(kind)) return checkLedgerHeader(kind, header);
  const required: readonly string[] = kind === 'points' ? POINT_COLUMNS : EVENT_COLUMNS;
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length)
    throw new CsvHeaderError(
      `header: missing column(s) ${missing.join(', ')}; a ${kind} CSV starts with ${required.join(',')}`,
    );
  const seen = new Set<string>();
  for (const c of header) {
    if (seen.has(c)) throw new CsvHeaderError(`header: column "${c}" appears twice`);
    seen.add(c);
    if (kind === 'points' && !required.includes(c) && !DIM_KEY.test(c))
      throw new CsvHeaderError(`header: dimension column "${c}" must match ${DIMENSION_KEY_PATTERN}`);
    if (kind === 'events' && !EVENT_FIELDS.has(c))
      throw new CsvHeaderError(
        `header: "${c}" is not a field of any event type (known: ${[...EVENT_FIELDS].join(', ')})`,
      );
  }
}

function timestampCell(cell: string): string | number | undefined {
  if (cell === '') return undefined;
  return EPOCH_MS.test(cell) ? Number(cell) : cell;
}

function numberCell(cell: string): string | number {
  return NUMBER.test(cell) ? Number(cell) : cell;
}

export type RowResult<T> = { value: T } | { reason: string };

/**
 * A points row. The timestamp is required (unlike the API, where it defaults to now): a file imported
 * twice must land on the same points, not on new ones.
 */
export function rowToPoint(header: string[], cells: string[]): RowResult<KpiPoint> {
  const out: Record<string, unknown> = {};
  header.forEach((col, i) => {
    const cell = cells[i];
    if (cell === '') return;
    if (col === 'timestamp') out.timestamp = timestampCell(cell);
    else if (col === 'value') out.value = numberCell(cell);
    else out[col] = cell;
  });
  if (out.timestamp === undefined) return { reason: 'timestamp: is required in a CSV import' };
  return { value: out as KpiPoint };
}

/** An events row: only the cells of the row's own type may be filled (others are unknown fields). */
export function rowToEvent(header: string[], cells: string[]): RowResult<BusinessEvent> {
  const typeIndex = header.indexOf('type');
  const type = cells[typeIndex];
  if (!(EventTypes as readonly string[]).includes(type))
    return { reason: `type: expected one of ${EventTypes.join(', ')}, got ${JSON.stringify(type)}` };
  const numeric = NUMERIC_FIELDS[type];
  const out: Record<string, unknown> = {};
  header.forEach((col, i) => {
    const cell = cells[i];
    if (cell === '') return;
    if (col === 'timestamp') out.timestamp = timestampCell(cell);
    else out[col] = numeric.has(col) ? numberCell(cell) : cell;
  });
  if (out.timestamp === undefined) return { reason: 'timestamp: is required in a CSV import' };
  return { value: out as BusinessEvent };
}

/** A ledger header: the item's required fields, optional ones in any order, nothing else. */
function checkLedgerHeader(kind: LedgerKind, header: string[]): void {
  const schema = LEDGER_SCHEMAS[kind];
  const fields = Object.keys(schema.properties);
  const required: string[] = schema.required ?? [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length)
    throw new CsvHeaderError(
      `header: missing column(s) ${missing.join(', ')}; a ${kind} CSV has the columns ` +
        `${required.join(',')} and optionally ${fields.filter((f) => !required.includes(f)).join(', ')}`,
    );
  const seen = new Set<string>();
  for (const c of header) {
    if (seen.has(c)) throw new CsvHeaderError(`header: column "${c}" appears twice`);
    seen.add(c);
    if (!fields.includes(c))
      throw new CsvHeaderError(`header: "${c}" is not a field of ${kind} (known: ${fields.join(', ')})`);
  }
}

/**
 * An accounts, invoices or payments row as the JSON batch API's item: number fields parsed, dates left
 * as text for the schema's date-time check, empty cells absent.
 */
export function rowToLedgerItem(
  kind: LedgerKind,
  header: string[],
  cells: string[],
): Record<string, unknown> {
  const numeric = LEDGER_NUMERIC[kind];
  const out: Record<string, unknown> = {};
  header.forEach((col, i) => {
    const cell = cells[i];
    if (cell === '') return;
    out[col] = numeric.has(col) ? numberCell(cell) : cell;
  });
  return out;
}
