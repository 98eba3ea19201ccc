import type { ErrorDetail } from '@kpilens/contract';

/** An error the API answers with a given status and, for bad input, the list of what was wrong. */
export class ApiHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Most details a response lists (the count says how many there were). */
export const MAX_DETAILS = 1000;

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns schema validation errors into details with batch index, JSON path and what was expected. */
export function validationDetails(errors: AjvError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  // A union of literals (e.g. aggregation) fails once per literal and once more for anyOf: one detail
  // listing the allowed values says the same thing.
  const unions = new Map<string, unknown[]>();
  const anyOf = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors)
    if (e.keyword === 'const' && anyOf.has(e.instancePath))
      unions.set(e.instancePath, [...(unions.get(e.instancePath) ?? []), e.params.allowedValue]);
  for (const e of errors) {
    let path = prefix + e.instancePath;
    let message = e.message ?? e.keyword;
    if (e.keyword === 'const' && unions.has(e.instancePath)) continue;
    if (e.keyword === 'anyOf' && unions.has(e.instancePath)) {
      message = `must be one of ${unions
        .get(e.instancePath)!
        .map((v) => JSON.stringify(v))
        .join(', ')}`;
    } else if (e.keyword === 'required') {
      path += `/${String(e.params.missingProperty)}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path += `/${String(e.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (e.keyword === 'enum' || e.keyword === 'const') {
      const allowed = (e.params.allowedValues as unknown[]) ?? [e.params.allowedValue];
      message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'discriminator') {
      message = 'must have a known "type"';
      if (e.params.tag) path += `/${String(e.params.tag)}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = /^\/\w+\/(\d+)(\/|$)/.exec(path);
    out.push(m ? { index: Number(m[1]), path: path || '/', message } : { path: path || '/', message });
  }
  return out;
}
