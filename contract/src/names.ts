import { Type } from '@sinclair/typebox';

export const API_VERSION = 'v1';
export const API_PREFIX = '/api/v1';

/** Model and metric names: lower-case identifiers, usable as Prometheus label values and in URLs. */
export const NAME_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
/** Dimension keys as integrations send them (camelCase allowed); exported to Prometheus as snake_case. */
export const DIMENSION_KEY_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,62}$';
export const MAX_DIMENSIONS = 12;
export const MAX_DIMENSION_VALUE_LENGTH = 200;

export const ModelName = Type.String({ pattern: NAME_PATTERN, description: 'KPI model, e.g. marketing' });
export const MetricName = Type.String({
  pattern: NAME_PATTERN,
  description: 'Metric of the model, e.g. ctr',
});

export const Aggregations = ['avg', 'sum', 'min', 'max', 'last', 'count', 'p95'] as const;

export const Scopes = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof Scopes)[number];
