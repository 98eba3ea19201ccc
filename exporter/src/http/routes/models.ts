import { Type } from '@sinclair/typebox';
import { AnalyzeResult, ApiError, InsightList, InsightQuery, ModelList, ModelName } from '@kpilens/contract';
import { BUILT_IN_MODELS, findModel } from '../../models/definitions';
import { lastRuns, listInsights } from '../../models/insights-store';
import { runAnalysis } from '../../models/service';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { parseQueryTime } from '../query-time';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError, 503: ApiError };

export async function modelRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/models',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List KPI models',
        description: 'The models the exporter analyses, their KPIs and their last analysis run.',
        tags: ['models'],
        response: { 200: ModelList, ...errors },
      },
    },
    async (req) => {
      const runs = await lastRuns(ctx.db, principalOf(req).orgId);
      return {
        models: BUILT_IN_MODELS.map((m) => ({
          name: m.name,
          description: m.description,
          kpis: m.kpis,
          lastRun: runs.get(m.name) ?? null,
        })),
      };
    },
  );

  app.post(
    '/models/:name/analyze',
    {
      // It writes insights: an ingest key, not a read-only one.
      config: { scope: 'ingest' },
      schema: {
        summary: 'Analyse a KPI model now',
        description:
          'Replays the hourly values of the model’s KPI series through the anomaly detector and opens, updates ' +
          'or resolves insights. `ran: false` when another replica is analysing the same model right now.',
        tags: ['models'],
        params: Type.Object({ name: ModelName }),
        response: { 200: AnalyzeResult, ...errors },
      },
    },
    async (req) => {
      const model = findModel(req.params.name);
      if (!model)
        throw new ApiHttpError(404, `no KPI model "${req.params.name}"; GET /api/v1/models lists them`);
      return runAnalysis(ctx, principalOf(req).orgId, model);
    },
  );

  app.get(
    '/insights',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List insights',
        description:
          'Newest first. Filter by model, severity, status (`active` = open or updated) and time range ' +
          '(`from`: still going on at or after, `to`: started before).',
        tags: ['models'],
        querystring: InsightQuery,
        response: { 200: InsightList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      const res = await listInsights(
        ctx.db,
        principalOf(req).orgId,
        {
          model: q.model,
          severity: q.severity,
          status: q.status,
          fromMs: q.from === undefined ? undefined : parseQueryTime(q.from, 'from'),
          toMs: q.to === undefined ? undefined : parseQueryTime(q.to, 'to'),
        },
        limit,
        offset,
      );
      return { ...res, limit, offset };
    },
  );
}
