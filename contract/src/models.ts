import { Type, type Static } from '@sinclair/typebox';
import { SeriesRef } from './analysis';
import { DIMENSION_KEY_PATTERN, MetricName, ModelName } from './names';
import { Dimensions } from './read';

// KPI models and the insights their analysis produces: the shape the Grafana plugins read.

export const InsightTypes = ['anomaly', 'peer_outlier', 'trend_change', 'target_risk', 'learning'] as const;
export type InsightType = (typeof InsightTypes)[number];
export const Severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof Severities)[number];
/** open: just raised; updated: still going on and seen again since; resolved: the condition ended. */
export const InsightStatuses = ['open', 'updated', 'resolved'] as const;
export type InsightStatus = (typeof InsightStatuses)[number];

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Evidence of an `anomaly` insight: the strongest point of the condition against the detector's band. */
export const AnomalyEvidence = Type.Object({
  direction: lit(['up', 'down'] as const),
  /** Highest anomaly score (0..1) seen while the condition lasted. */
  score: Type.Number(),
  observed: Type.Number(),
  expected: Type.Number(),
  lower: Type.Number(),
  upper: Type.Number(),
  /** (observed - expected) / robust error scale at the strongest point. */
  deviation: Type.Number(),
  /** Bucket (ISO 8601) of the strongest point. */
  peakAt: Type.String({ format: 'date-time' }),
});
export type AnomalyEvidence = Static<typeof AnomalyEvidence>;

/**
 * Evidence of a `peer_outlier` insight: the series' recent change against its peers' changes (same metric,
 * one dimension apart), each series measured against its own history so peers of different scale compare.
 */
export const PeerOutlierEvidence = Type.Object({
  kind: Type.Literal('peer_outlier'),
  direction: lit(['up', 'down'] as const),
  /** Dimension key the peers differ by, e.g. platform. */
  peerDimension: Type.String(),
  /** The series' recent level over its own baseline (1.1 = +10 %). */
  value: Type.Number(),
  /** Median of the other peers' same ratio. */
  peerMedian: Type.Number(),
  /** Recent and baseline level of the series (medians of daily means). */
  recentLevel: Type.Number(),
  baselineLevel: Type.Number(),
  peers: Type.Integer(),
  /** Robust z-distance from the peers' ratios. */
  deviation: Type.Number(),
  score: Type.Number(),
  /** The recent window compared. */
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
});
export type PeerOutlierEvidence = Static<typeof PeerOutlierEvidence>;

/** Evidence of a `trend_change` insight: a significant trend, a level shift or a period-over-period change. */
export const TrendChangeEvidence = Type.Object({
  kind: Type.Literal('trend_change'),
  change: lit(['trend', 'level_shift', 'period'] as const),
  direction: lit(['up', 'down'] as const),
  /** Value before (previous period, level before the shift, trend start) and now. */
  before: Type.Number(),
  after: Type.Number(),
  /** (after - before) / |before|; null when before is 0. */
  relativeChange: Type.Union([Type.Number(), Type.Null()]),
  pValue: Type.Number({ minimum: 0, maximum: 1 }),
  /** trend: slope per day; period: day, week or month; level_shift: when the level changed. */
  slopePerDay: Type.Optional(Type.Number()),
  period: Type.Optional(lit(['day', 'week', 'month'] as const)),
  changedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type TrendChangeEvidence = Static<typeof TrendChangeEvidence>;

/** Evidence of a `target_risk` insight: the forecast crosses the KPI's target within the horizon. */
export const TargetRiskEvidence = Type.Object({
  kind: Type.Literal('target_risk'),
  target: Type.Number(),
  /** at_least: the KPI must stay at or above the target (good direction up); at_most: at or below. */
  comparison: lit(['at_least', 'at_most'] as const),
  horizonDays: Type.Integer(),
  /** First forecast day past the target, with the forecast and its interval that day. */
  missAt: Type.String({ format: 'date-time' }),
  yhat: Type.Number(),
  lower: Type.Number(),
  upper: Type.Number(),
});
export type TargetRiskEvidence = Static<typeof TargetRiskEvidence>;

/** Evidence of a `learning` insight: a KPI of this model leads one of another model. */
export const LearningEvidence = Type.Object({
  kind: Type.Literal('learning'),
  leader: SeriesRef,
  follower: SeriesRef,
  lagDays: Type.Integer({ minimum: 0 }),
  correlation: Type.Number({ minimum: -1, maximum: 1 }),
  pValue: Type.Number({ minimum: 0, maximum: 1 }),
  n: Type.Integer(),
});
export type LearningEvidence = Static<typeof LearningEvidence>;

/**
 * Evidence by insight type. An anomaly's evidence has no `kind` (its shape predates the others and the
 * plugins read it as is); every other type names itself in `kind`, equal to the insight's type.
 */
export const InsightEvidence = Type.Union([
  AnomalyEvidence,
  PeerOutlierEvidence,
  TrendChangeEvidence,
  TargetRiskEvidence,
  LearningEvidence,
]);
export type InsightEvidence = Static<typeof InsightEvidence>;

export const Insight = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  type: lit(InsightTypes),
  severity: lit(Severities),
  status: lit(InsightStatuses),
  title: Type.String(),
  message: Type.String(),
  evidence: InsightEvidence,
  /** The series the insight is about, readable with GET /api/v1/query. */
  series: Type.Object({
    id: Type.Integer(),
    metric: Type.String(),
    dimensions: Dimensions,
  }),
  startedAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Insight = Static<typeof Insight>;

export const InsightQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    severity: Type.Optional(lit(Severities)),
    status: Type.Optional(lit([...InsightStatuses, 'active'] as const)),
    from: Type.Optional(
      Type.String({ description: 'ISO 8601 or epoch ms: insights still going on at or after' }),
    ),
    to: Type.Optional(Type.String({ description: 'ISO 8601 or epoch ms: insights started before' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type InsightQuery = Static<typeof InsightQuery>;

export const InsightList = Type.Object({
  insights: Type.Array(Insight),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type InsightList = Static<typeof InsightList>;

/** A KPI computed from two others of the model, hour by hour: scale × sum(numerator) / sum(denominator). */
export const DerivedKpi = Type.Object(
  {
    numerator: MetricName,
    denominator: MetricName,
    /** Multiplier, e.g. 100 for a percentage. Default 1. */
    scale: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false },
);
export type DerivedKpi = Static<typeof DerivedKpi>;

/**
 * A target for a KPI: its forecast must stay on the good side of `value` (at least with goodDirection up,
 * at most with down) over `horizonDays`; otherwise a target_risk insight is raised.
 */
export const KpiTarget = Type.Object(
  {
    value: Type.Number(),
    /** Only the series with exactly these dimensions; absent: the series without dimensions (the total). */
    dimensions: Type.Optional(Dimensions),
    horizonDays: Type.Optional(Type.Union([Type.Literal(7), Type.Literal(30), Type.Literal(90)])),
  },
  { additionalProperties: false },
);
export type KpiTarget = Static<typeof KpiTarget>;

/** A KPI the model analyses: a stored metric (every dimension set of it), with an optional target. */
export const KpiDefinition = Type.Object(
  {
    metric: MetricName,
    description: Type.String({ minLength: 1 }),
    unit: Type.Optional(Type.String()),
    /** Which way is good: an anomaly against it is more severe. */
    goodDirection: Type.Optional(lit(['up', 'down'] as const)),
    /** Only these dimension keys (exactly) are analysed; absent: every dimension set. */
    dimensionSets: Type.Optional(Type.Array(Type.Array(Type.String({ pattern: DIMENSION_KEY_PATTERN })))),
    /** Computed from two other metrics of the model where it is not stored (points sent without it). */
    derived: Type.Optional(DerivedKpi),
    /** Dimension key whose values are compared with each other (e.g. platform): peer outliers. */
    peerDimension: Type.Optional(Type.String({ pattern: DIMENSION_KEY_PATTERN })),
    target: Type.Optional(KpiTarget),
  },
  { additionalProperties: false },
);
export type KpiDefinition = Static<typeof KpiDefinition>;

export const ModelInfo = Type.Object({
  name: Type.String(),
  description: Type.String(),
  /** built_in: shipped; config: a file of KPILENS_MODELS_DIR; code: a TypeScript class. */
  origin: lit(['built_in', 'config', 'code'] as const),
  kpis: Type.Array(KpiDefinition),
  lastRun: Type.Union([
    Type.Object({
      status: lit(['ok', 'failed'] as const),
      startedAt: Type.String({ format: 'date-time' }),
      finishedAt: Type.String({ format: 'date-time' }),
      seriesAnalysed: Type.Integer(),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type ModelInfo = Static<typeof ModelInfo>;

/** Which analyses a model runs (all by default). */
export const ModelDetectors = Type.Object(
  {
    anomaly: Type.Optional(Type.Boolean()),
    peers: Type.Optional(Type.Boolean()),
    trends: Type.Optional(Type.Boolean()),
    forecast: Type.Optional(Type.Boolean()),
    learnings: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ModelDetectors = Static<typeof ModelDetectors>;

/**
 * A KPI model as data: the content of one JSON file of KPILENS_MODELS_DIR, and the shape of the built-in
 * models. It analyses the series stored under its name (points and events sent with modelName = name).
 */
export const ModelConfig = Type.Object(
  {
    name: ModelName,
    description: Type.String({ minLength: 1 }),
    kpis: Type.Array(KpiDefinition, { minItems: 1 }),
    detectors: Type.Optional(ModelDetectors),
  },
  { additionalProperties: false },
);
export type ModelConfig = Static<typeof ModelConfig>;

export const ModelList = Type.Object({ models: Type.Array(ModelInfo) });
export type ModelList = Static<typeof ModelList>;

export const AnalyzeResult = Type.Object({
  model: Type.String(),
  /** false when another replica was running this model's analysis: nothing was done here. */
  ran: Type.Boolean(),
  seriesAnalysed: Type.Integer(),
  opened: Type.Integer(),
  updated: Type.Integer(),
  resolved: Type.Integer(),
  /** Series forecast, and learnings this model published (its series leading another model's). */
  forecasts: Type.Integer(),
  learnings: Type.Integer(),
  durationMs: Type.Number(),
});
export type AnalyzeResult = Static<typeof AnalyzeResult>;
