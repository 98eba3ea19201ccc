import { Type, type Static } from '@sinclair/typebox';
import { AccountScore, RiskLevels } from './accounts';

// The latest payment-risk score of every account, a page at a time (the risk board and its table).

export const RiskScoreQuery = Type.Object(
  {
    level: Type.Optional(
      Type.String({
        pattern: `^(${RiskLevels.join('|')})(,(${RiskLevels.join('|')}))*$`,
        description: 'comma-separated risk levels, e.g. RISKY,CRITICAL',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type RiskScoreQuery = Static<typeof RiskScoreQuery>;

export const AccountRisk = Type.Composite([
  AccountScore,
  Type.Object({ accountName: Type.Union([Type.String(), Type.Null()]) }),
]);
export type AccountRisk = Static<typeof AccountRisk>;

export const RiskScoreList = Type.Object({
  /** Riskiest first: lowest probability of paying on time, unscorable (null) last. */
  scores: Type.Array(AccountRisk),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type RiskScoreList = Static<typeof RiskScoreList>;
