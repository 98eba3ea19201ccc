import { Type, type Static } from '@sinclair/typebox';
import { Aggregations, MetricName, ModelName } from './names';

export const Dimensions = Type.Record(Type.String(), Type.String());
export type Dimensions = Static<typeof Dimensions>;

export const Series = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  metric: Type.String(),
  dimensions: Dimensions,
  lastValue: Type.Union([Type.Number(), Type.Null()]),
  lastTimestamp: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Series = Static<typeof Series>;

export const SeriesList = Type.Object({
  series: Type.Array(Series),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type SeriesList = Static<typeof SeriesList>;

export const SeriesQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    metric: Type.Optional(MetricName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  {
    additionalProperties: Type.String(),
    description: 'dimension filters as `dim.<key>=<value>`',
  },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

export type Aggregation = (typeof Aggregations)[number];
export const Aggregation = Type.Union(
  Aggregations.map((a) => Type.Literal(a)),
  { default: 'avg' },
);

export const PointsQuery = Type.Object(
  {
    model: ModelName,
    metric: MetricName,
    from: Type.String({ description: 'ISO 8601 or epoch ms' }),
    to: Type.String({ description: 'ISO 8601 or epoch ms' }),
    aggregation: Type.Optional(Aggregation),
    intervalMs: Type.Optional(Type.Integer({ minimum: 1000, description: 'bucket width, at least 1 s' })),
    maxDataPoints: Type.Optional(Type.Integer({ minimum: 1, maximum: 11000, default: 1000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'max series' })),
  },
  { additionalProperties: Type.String(), description: 'dimension filters as `dim.<key>=<value>`' },
);
export type PointsQuery = Static<typeof PointsQuery>;

export const SeriesPoints = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  metric: Type.String(),
  dimensions: Dimensions,
  /** [epoch ms of bucket start, value] */
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
});
export type SeriesPoints = Static<typeof SeriesPoints>;

export const PointsResult = Type.Object({
  from: Type.String(),
  to: Type.String(),
  intervalMs: Type.Integer({ description: 'bucket width actually used' }),
  aggregation: Type.String(),
  source: Type.String({ description: 'raw, rollup_1m, rollup_1h or rollup_1d' }),
  series: Type.Array(SeriesPoints),
  truncated: Type.Boolean({ description: 'more series matched than `limit`' }),
});
export type PointsResult = Static<typeof PointsResult>;
