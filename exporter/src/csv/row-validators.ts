import type { ValidateFunction } from 'ajv';
import { BusinessEvent, KpiPoint } from '@kpilens/contract';
import { LEDGER_SCHEMAS, type LedgerKind } from './csv-rows';
import { validationDetails } from '../http/errors';
import { createBodyAjv } from '../http/validators';

/** Same validation as the JSON API's bodies (one setup: http/validators.ts). */
function compile(schema: object): ValidateFunction {
  return createBodyAjv().compile(schema);
}

let point: ValidateFunction | undefined;
let event: ValidateFunction | undefined;
const ledger: Partial<Record<LedgerKind, ValidateFunction>> = {};

/** The reasons an object fails the schema ("field: what was expected"), empty when it passes. */
function problems(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return validationDetails(validate.errors as Parameters<typeof validationDetails>[0]).map(
    (d) => `${d.path === '/' ? 'row' : d.path.slice(1)}: ${d.message}`,
  );
}

export function pointProblems(value: unknown): string[] {
  return problems((point ??= compile(KpiPoint)), value);
}

export function eventProblems(value: unknown): string[] {
  return problems((event ??= compile(BusinessEvent)), value);
}

/** An accounts, invoices or payments item: the JSON batch API's item schema. */
export function ledgerProblems(kind: LedgerKind, value: unknown): string[] {
  return problems((ledger[kind] ??= compile(LEDGER_SCHEMAS[kind])), value);
}
