import { ApiError, RiskScoreList, RiskScoreQuery } from '@kpilens/contract';
import { listLatestScores } from '../../accounts/risk-list';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { scoreResponse } from './accounts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError, 503: ApiError };

export async function riskScoreRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/risk/scores',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Latest payment-risk score of every account, riskiest first',
        description:
          'Ordered by probability of paying on time (lowest first, accounts that cannot be scored last), ' +
          'then account id; filter by `level` (comma-separated); paged.',
        tags: ['payment risk'],
        querystring: RiskScoreQuery,
        response: { 200: RiskScoreList, ...errors },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 100;
      const offset = req.query.offset ?? 0;
      const levels = req.query.level ? [...new Set(req.query.level.split(','))] : undefined;
      const res = await listLatestScores(ctx.db, principalOf(req).orgId, levels, limit, offset);
      return {
        scores: res.scores.map((s) => ({ ...scoreResponse(s), accountName: s.accountName })),
        total: res.total,
        limit,
        offset,
      };
    },
  );
}
