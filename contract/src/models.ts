import { Type, type Static } from '@sinclair/typebox';
import { ModelName } from './names';
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

export const InsightEvidence = Type.Object({
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

/** A KPI the model analyses: a stored metric (every dimension set of it), with an optional target. */
export const KpiDefinition = Type.Object({
  metric: Type.String(),
  description: Type.String(),
  unit: Type.Optional(Type.String()),
  /** Which way is good: an anomaly against it is more severe. */
  goodDirection: Type.Optional(lit(['up', 'down'] as const)),
  /** Only these dimension keys (exactly) are analysed; absent: every dimension set. */
  dimensionSets: Type.Optional(Type.Array(Type.Array(Type.String()))),
});
export type KpiDefinition = Static<typeof KpiDefinition>;

export const ModelInfo = Type.Object({
  name: Type.String(),
  description: Type.String(),
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
  durationMs: Type.Number(),
});
export type AnalyzeResult = Static<typeof AnalyzeResult>;
