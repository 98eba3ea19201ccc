import { Type, type Static } from '@sinclair/typebox';
import { MetricName, ModelName } from './names';
import { Dimensions } from './read';

// A KPI series with what the anomaly detector expected of it: observed, expected and the normal band.

export const AnomalyBandQuery = Type.Object(
  {
    model: ModelName,
    metric: MetricName,
    from: Type.String({ description: 'ISO 8601 or epoch ms' }),
    to: Type.String({ description: 'ISO 8601 or epoch ms' }),
    intervalMs: Type.Optional(
      Type.Integer({ minimum: 1000, description: 'bucket width (at least one hour)' }),
    ),
    maxDataPoints: Type.Optional(Type.Integer({ minimum: 1, maximum: 11000, default: 1000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'max series' })),
  },
  { additionalProperties: Type.String(), description: 'dimension filters as `dim.<key>=<value>`' },
);
export type AnomalyBandQuery = Static<typeof AnomalyBandQuery>;

const Nullable = Type.Union([Type.Number(), Type.Null()]);

export const AnomalyBandSeries = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  metric: Type.String(),
  dimensions: Dimensions,
  /** Columns of the same length: bucket start (epoch ms), observed mean, expected, lower and upper. */
  times: Type.Array(Type.Number()),
  observed: Type.Array(Type.Number()),
  /** null while the detector warms up */
  expected: Type.Array(Nullable),
  lower: Type.Array(Nullable),
  upper: Type.Array(Nullable),
});
export type AnomalyBandSeries = Static<typeof AnomalyBandSeries>;

export const AnomalyBandResult = Type.Object({
  from: Type.String(),
  to: Type.String(),
  intervalMs: Type.Integer({ description: 'bucket width used: whole hours, the detector runs hourly' }),
  series: Type.Array(AnomalyBandSeries),
  truncated: Type.Boolean({ description: 'more series matched than `limit`' }),
});
export type AnomalyBandResult = Static<typeof AnomalyBandResult>;
