import { Type, type Static } from '@sinclair/typebox';
import { MetricName, ModelName } from './names';
import { Dimensions } from './read';

// Forecasts and cross-model learnings produced by the analysis of KPI models.

/** A KPI series as other results refer to it. */
export const SeriesRef = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  metric: Type.String(),
  dimensions: Dimensions,
});
export type SeriesRef = Static<typeof SeriesRef>;

export const ForecastHorizons = [7, 30, 90] as const;

export const ForecastPoint = Type.Object({
  time: Type.String({ format: 'date-time' }),
  yhat: Type.Number(),
  lower: Type.Number(),
  upper: Type.Number(),
});
export type ForecastPoint = Static<typeof ForecastPoint>;

export const Forecast = Type.Object({
  series: SeriesRef,
  /** Algorithm that produced it (docs/algorithms.md). */
  method: Type.String(),
  /** Coverage of the prediction interval, e.g. 0.8. */
  level: Type.Number(),
  generatedAt: Type.String({ format: 'date-time' }),
  /** Daily points up to the longest horizon (90 days). */
  points: Type.Array(ForecastPoint),
  /** Set when the KPI has a target: whether the forecast is projected to miss it, and when. */
  target: Type.Optional(
    Type.Object({
      value: Type.Number(),
      projectedToMiss: Type.Boolean(),
      missAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
});
export type Forecast = Static<typeof Forecast>;

/** Set (true) when more series or learnings matched than `limit`: page on with `offset`. */
const Truncated = Type.Optional(Type.Literal(true, { description: 'more matched than limit' }));

export const ForecastList = Type.Object({ forecasts: Type.Array(Forecast), truncated: Truncated });

export const ForecastQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    metric: Type.Optional(MetricName),
    /** Days of forecast points returned. */
    horizon: Type.Optional(
      Type.Union([Type.Literal(7), Type.Literal(30), Type.Literal(90)], {
        default: 90,
        description: 'days of points: 7, 30 or 90',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'max series' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: Type.String(), description: 'dimension filters as `dim.<key>=<value>`' },
);
export type ForecastQuery = Static<typeof ForecastQuery>;
export type ForecastList = Static<typeof ForecastList>;

/**
 * A learning: a KPI of one model leads a KPI of another by `lagDays` days (Pearson correlation of the daily
 * changes, significant after correction for the number of pairs tested).
 */
export const Learning = Type.Object({
  id: Type.Integer(),
  leader: SeriesRef,
  follower: SeriesRef,
  lagDays: Type.Integer({ minimum: 0 }),
  correlation: Type.Number({ minimum: -1, maximum: 1 }),
  pValue: Type.Number({ minimum: 0, maximum: 1 }),
  /** Number of paired days behind the correlation. */
  n: Type.Integer(),
  discoveredAt: Type.String({ format: 'date-time' }),
  lastConfirmedAt: Type.String({ format: 'date-time' }),
});
export type Learning = Static<typeof Learning>;

export const LearningList = Type.Object({ learnings: Type.Array(Learning), truncated: Truncated });

export const LearningQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  {
    additionalProperties: false,
    description: 'model: learnings the model takes part in (leader or follower); strongest first, paged',
  },
);
export type LearningQuery = Static<typeof LearningQuery>;
export type LearningList = Static<typeof LearningList>;
