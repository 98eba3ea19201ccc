import { Type, type Static } from '@sinclair/typebox';

// Payment risk: accounts (customers who pay invoices), their invoices and payments, and the score
// the model gives each account.

const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s]+$', description: 'client id' });
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time with offset' });
const Money = Type.Number({ minimum: 0, description: 'amount, not negative' });

export const AccountInput = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    openedAt: DateTime,
    creditLimit: Type.Optional(Money),
  },
  { additionalProperties: false },
);
export type AccountInput = Static<typeof AccountInput>;

export const InvoiceInput = Type.Object(
  {
    id: Id,
    accountId: Id,
    amount: Money,
    issuedAt: DateTime,
    dueAt: DateTime,
    minimumDue: Type.Optional(Type.Number({ minimum: 0, description: 'part due by dueAt (statements)' })),
  },
  { additionalProperties: false },
);
export type InvoiceInput = Static<typeof InvoiceInput>;

export const PaymentInput = Type.Object(
  {
    id: Id,
    accountId: Id,
    invoiceId: Type.Optional(Id),
    amount: Type.Number({ exclusiveMinimum: 0 }),
    paidAt: DateTime,
  },
  { additionalProperties: false },
);
export type PaymentInput = Static<typeof PaymentInput>;

const batch = { minItems: 1, maxItems: 10000 };
export const AccountBatch = Type.Object(
  { accounts: Type.Array(AccountInput, batch) },
  { additionalProperties: false },
);
export type AccountBatch = Static<typeof AccountBatch>;
export const InvoiceBatch = Type.Object(
  { invoices: Type.Array(InvoiceInput, batch) },
  { additionalProperties: false },
);
export type InvoiceBatch = Static<typeof InvoiceBatch>;
export const PaymentBatch = Type.Object(
  { payments: Type.Array(PaymentInput, batch) },
  { additionalProperties: false },
);
export type PaymentBatch = Static<typeof PaymentBatch>;

export const Account = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  openedAt: DateTime,
  creditLimit: Type.Union([Type.Number(), Type.Null()]),
});
export type Account = Static<typeof Account>;

export const AccountList = Type.Object({
  accounts: Type.Array(Account),
  /** Pass as `after` for the next page; absent on the last page. */
  next: Type.Optional(Type.String()),
});
export type AccountList = Static<typeof AccountList>;

export const AccountListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    after: Type.Optional(Type.String({ description: 'last id of the previous page' })),
  },
  { additionalProperties: false },
);
export type AccountListQuery = Static<typeof AccountListQuery>;

export const RiskLevels = ['EXCELLENT', 'GOOD', 'MEDIUM', 'RISKY', 'CRITICAL', 'UNKNOWN'] as const;
export const RiskLevel = Type.Union(RiskLevels.map((l) => Type.Literal(l)));
export type RiskLevel = Static<typeof RiskLevel>;

export const RiskFactor = Type.Object({
  feature: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()], { description: 'null when the value does not exist' }),
  contribution: Type.Number({ description: 'shift of the log-odds of paying on time' }),
  direction: Type.Union([Type.Literal('raises'), Type.Literal('lowers')]),
  message: Type.String(),
});
export type RiskFactor = Static<typeof RiskFactor>;

export const AccountScore = Type.Object({
  accountId: Type.String(),
  modelVersion: Type.String(),
  scoredAt: DateTime,
  probability: Type.Union([Type.Number(), Type.Null()], {
    description: 'probability of paying the next invoice on time',
  }),
  level: RiskLevel,
  badge: Type.String(),
  color: Type.String(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  expectedPaymentDate: Type.Union([DateTime, Type.Null()]),
  factors: Type.Array(RiskFactor, { maxItems: 3 }),
});
export type AccountScore = Static<typeof AccountScore>;

export const ScoreQuery = Type.Object(
  { recalculate: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type ScoreQuery = Static<typeof ScoreQuery>;

export const ModelVersions = Type.Object({
  name: Type.String(),
  active: Type.String({ description: 'version served now' }),
  available: Type.Array(Type.String(), {
    description: 'version folders on disk (validated when switched to)',
  }),
});
export type ModelVersions = Static<typeof ModelVersions>;

export const ModelSwitch = Type.Object(
  { version: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }) },
  { additionalProperties: false },
);
export type ModelSwitch = Static<typeof ModelSwitch>;

export const ScoreHistoryQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'the most recent scores kept' }),
    ),
  },
  { additionalProperties: false },
);
export type ScoreHistoryQuery = Static<typeof ScoreHistoryQuery>;

/** A stored score without its factors: one point of an account's score history. */
export const ScorePoint = Type.Omit(AccountScore, ['accountId', 'factors']);
export type ScorePoint = Static<typeof ScorePoint>;

export const ScoreHistory = Type.Object({
  accountId: Type.String(),
  scores: Type.Array(ScorePoint, { description: 'oldest first' }),
});
export type ScoreHistory = Static<typeof ScoreHistory>;

export const InvoiceStatuses = ['paid', 'paid_late', 'open', 'overdue'] as const;
export const InvoiceStatus = Type.Union(
  InvoiceStatuses.map((s) => Type.Literal(s)),
  {
    description:
      'paid: settled by its due date; paid_late: settled after it; open: not settled, not due yet; overdue: not settled and past due',
  },
);
export type InvoiceStatus = Static<typeof InvoiceStatus>;

export const AccountInvoice = Type.Object({
  id: Type.String(),
  amount: Type.Number(),
  issuedAt: DateTime,
  dueAt: DateTime,
  minimumDue: Type.Union([Type.Number(), Type.Null()]),
  paid: Type.Number({ description: 'payments applied to it so far' }),
  settledAt: Type.Union([DateTime, Type.Null()], { description: 'when the part due was covered' }),
  status: InvoiceStatus,
});
export type AccountInvoice = Static<typeof AccountInvoice>;

export const AccountInvoiceQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
  { additionalProperties: false },
);
export type AccountInvoiceQuery = Static<typeof AccountInvoiceQuery>;

export const AccountInvoiceList = Type.Object({
  accountId: Type.String(),
  asOf: DateTime,
  invoices: Type.Array(AccountInvoice, { description: 'most recently issued first' }),
  total: Type.Integer({ description: 'invoices issued by asOf, before the limit' }),
});
export type AccountInvoiceList = Static<typeof AccountInvoiceList>;

export const RealizedQuality = Type.Object({
  version: Type.String(),
  outcomes: Type.Integer({ description: 'predictions whose invoice came due in the window' }),
  auc: Type.Union([Type.Number(), Type.Null()], {
    description: 'realized ROC-AUC; null until both on-time and late outcomes exist',
  }),
  brier: Type.Number(),
  calibrationError: Type.Number({ description: 'expected calibration error' }),
});
export type RealizedQuality = Static<typeof RealizedQuality>;

export const ModelStatus = Type.Object({
  name: Type.String(),
  active: Type.String({ description: 'version served now' }),
  activeModelVersion: Type.String({
    description: 'the version served now as scores and realized quality name it (name/version)',
  }),
  available: Type.Array(Type.String()),
  realized: Type.Object({
    asOf: DateTime,
    windowDays: Type.Integer({ description: 'invoices that came due in this many days count' }),
    versions: Type.Array(RealizedQuality, {
      description: 'live quality per model version with outcomes in the window',
    }),
  }),
});
export type ModelStatus = Static<typeof ModelStatus>;
