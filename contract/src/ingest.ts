import { Type, type Static } from '@sinclair/typebox';
import { MetricName, ModelName } from './names';

/** Epoch milliseconds or an ISO 8601 date-time with offset. Optional everywhere: the server time is used. */
export const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Number()], {
  description: 'ISO 8601 date-time with offset, or epoch milliseconds',
});

/**
 * One KPI point, exactly as existing integrations send it:
 * `{"modelName":"marketing","metricName":"ctr","value":2.5,"platform":"instagram","campaignId":"camp_123"}`.
 * Every other top-level field is a dimension (string, number or boolean value).
 */
export const KpiPoint = Type.Object(
  {
    modelName: ModelName,
    metricName: MetricName,
    value: Type.Number({ description: 'finite number' }),
    timestamp: Type.Optional(Timestamp),
  },
  {
    additionalProperties: Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()], {
      description: 'dimension value',
    }),
    maxProperties: 16,
  },
);
export type KpiPoint = Static<typeof KpiPoint> & {
  [dimension: string]: string | number | boolean | undefined;
};

export const KpiPointBatch = Type.Object(
  { points: Type.Array(KpiPoint, { minItems: 1, maxItems: 100000 }) },
  { additionalProperties: false },
);
export type KpiPointBatch = Static<typeof KpiPointBatch>;

const EventBase = {
  id: Type.String({ minLength: 1, maxLength: 200, description: 'unique per organization and event type' }),
  timestamp: Type.Optional(Timestamp),
};
const NonNegInt = Type.Integer({ minimum: 0 });
const Money = Type.Number({ minimum: 0 });
const Label = Type.String({ minLength: 1, maxLength: 200 });

export const ContentPerformanceEvent = Type.Object(
  {
    type: Type.Literal('content_performance'),
    ...EventBase,
    platform: Label,
    campaignId: Label,
    contentId: Type.Optional(Label),
    impressions: NonNegInt,
    clicks: NonNegInt,
    conversions: NonNegInt,
    cost: Money,
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  },
  { additionalProperties: false },
);
export const SignupStartedEvent = Type.Object(
  { type: Type.Literal('signup_started'), ...EventBase, userId: Label, source: Label },
  { additionalProperties: false },
);
export const SignupCompletedEvent = Type.Object(
  { type: Type.Literal('signup_completed'), ...EventBase, userId: Label, source: Type.Optional(Label) },
  { additionalProperties: false },
);
export const PaymentStatuses = ['succeeded', 'failed', 'refunded'] as const;
export const PaymentEvent = Type.Object(
  {
    type: Type.Literal('payment'),
    ...EventBase,
    amount: Money,
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    status: Type.Union(PaymentStatuses.map((s) => Type.Literal(s))),
    method: Label,
    plan: Label,
    accountId: Type.Optional(Label),
  },
  { additionalProperties: false },
);

export const EventTypes = ['content_performance', 'signup_started', 'signup_completed', 'payment'] as const;
export type EventType = (typeof EventTypes)[number];

/** A business event; `type` picks the shape (OpenAPI discriminator, so errors name the right fields). */
export const BusinessEvent = Type.Unsafe<
  | Static<typeof ContentPerformanceEvent>
  | Static<typeof SignupStartedEvent>
  | Static<typeof SignupCompletedEvent>
  | Static<typeof PaymentEvent>
>({
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: [ContentPerformanceEvent, SignupStartedEvent, SignupCompletedEvent, PaymentEvent],
});
export type BusinessEvent = Static<typeof BusinessEvent>;
export type ContentPerformanceEvent = Static<typeof ContentPerformanceEvent>;
export type SignupStartedEvent = Static<typeof SignupStartedEvent>;
export type SignupCompletedEvent = Static<typeof SignupCompletedEvent>;
export type PaymentEvent = Static<typeof PaymentEvent>;

export const EventBatch = Type.Object(
  { events: Type.Array(BusinessEvent, { minItems: 1, maxItems: 100000 }) },
  { additionalProperties: false },
);
export type EventBatch = Static<typeof EventBatch>;

export const IngestResult = Type.Object({
  accepted: Type.Integer({ description: 'items in the request, all stored' }),
  inserted: Type.Integer({ description: 'items new to the store' }),
  updated: Type.Integer({ description: 'points that replaced a value at the same series and timestamp' }),
  duplicates: Type.Integer({ description: 'items already stored unchanged (idempotent re-send)' }),
});
export type IngestResult = Static<typeof IngestResult>;

/** What a CSV import holds: KPI points, business events, or the payment-risk ledger (accounts.ts). */
export const ImportKinds = ['points', 'events', 'accounts', 'invoices', 'payments'] as const;
export type ImportKind = (typeof ImportKinds)[number];

export const ImportReport = Type.Object({
  kind: Type.Union(ImportKinds.map((k) => Type.Literal(k))),
  rowsRead: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  rejections: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() }), {
    description: 'first rejections (capped), each with its line number in the file',
  }),
  durationMs: Type.Number(),
});
export type ImportReport = Static<typeof ImportReport>;
