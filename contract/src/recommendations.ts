import { Type, type Static } from '@sinclair/typebox';

// Recommendations raised from insights and learnings, their quality gate and lifecycle; the weekly briefing.

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const RecommendationStatuses = ['pending', 'accepted', 'dismissed', 'snoozed', 'done'] as const;
export type RecommendationStatus = (typeof RecommendationStatuses)[number];
export const Priorities = ['low', 'medium', 'high'] as const;
export type Priority = (typeof Priorities)[number];

/** One finding of the quality gate: errors hide a recommendation, warnings lower its audit score. */
export const AuditFinding = Type.Object({
  rule: Type.String(),
  level: lit(['error', 'warning'] as const),
  message: Type.String(),
});
export type AuditFinding = Static<typeof AuditFinding>;

export const Recommendation = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  /** What kind of action (e.g. move_budget, refresh_creative, investigate_payment_method). */
  kind: Type.String(),
  /** What it acts on, e.g. "platform=instagram" or "campaignId=camp_123". */
  target: Type.String(),
  action: Type.String(),
  rationale: Type.String(),
  expectedImpact: Type.String(),
  priority: lit(Priorities),
  /** Rank within its priority, after feedback on its kind. */
  score: Type.Number(),
  status: lit(RecommendationStatuses),
  /** 100 - 40 * errors - 10 * warnings; shown and exported only with no error and at least 80. */
  auditScore: Type.Number(),
  findings: Type.Array(AuditFinding),
  insightIds: Type.Array(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  statusChangedBy: Type.Union([Type.String(), Type.Null()]),
  statusChangedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  dismissReason: Type.Union([Type.String(), Type.Null()]),
  snoozedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Recommendation = Static<typeof Recommendation>;

export const RecommendationList = Type.Object({
  recommendations: Type.Array(Recommendation),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type RecommendationList = Static<typeof RecommendationList>;

export const Languages = ['en', 'fr'] as const;
export type Language = (typeof Languages)[number];

export const Briefing = Type.Object({
  weekStart: Type.String({ format: 'date-time' }),
  weekEnd: Type.String({ format: 'date-time' }),
  language: lit(Languages),
  /** The summary as readable text (Markdown). */
  text: Type.String(),
  keyNumbers: Type.Array(
    Type.Object({
      label: Type.String(),
      value: Type.Number(),
      unit: Type.Optional(Type.String()),
      /** Relative change against the previous week, e.g. -0.12. */
      change: Type.Union([Type.Number(), Type.Null()]),
      /** Which way is good for this figure (a failure rate down, revenue up); absent when neither is. */
      goodDirection: Type.Optional(lit(['up', 'down'] as const)),
    }),
  ),
  topChanges: Type.Array(Type.String()),
  risks: Type.Array(Type.String()),
  actions: Type.Array(Type.String()),
});
export type Briefing = Static<typeof Briefing>;

export const RecommendationQuery = Type.Object(
  {
    status: Type.Optional(lit([...RecommendationStatuses, 'open'] as const)),
    model: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' })),
    /** Also list those the quality gate holds back (errors or an audit score under 80). */
    includeHidden: Type.Optional(Type.Boolean({ default: false })),
    lang: Type.Optional(lit(Languages)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type RecommendationQuery = Static<typeof RecommendationQuery>;

/** Body of POST /recommendations/{id}/accept and /done (optional). */
export const DecisionBody = Type.Object({}, { additionalProperties: false });
export const DismissBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'why it does not apply' }) },
  { additionalProperties: false },
);
export type DismissBody = Static<typeof DismissBody>;
export const SnoozeBody = Type.Object(
  { until: Type.String({ format: 'date-time', description: 'back to pending at this time (future)' }) },
  { additionalProperties: false },
);
export type SnoozeBody = Static<typeof SnoozeBody>;

export const BriefingQuery = Type.Object(
  {
    /** Any day of the week (YYYY-MM-DD) or an ISO week (2026-W10); default: the last complete week. */
    week: Type.Optional(Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2}|\\d{4}-W\\d{2})$' })),
    lang: Type.Optional(lit(Languages)),
  },
  { additionalProperties: false },
);
export type BriefingQuery = Static<typeof BriefingQuery>;
