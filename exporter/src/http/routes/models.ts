import { Type } from '@sinclair/typebox';
import {
  AnalyzeResult,
  ApiError,
  ForecastList,
  ForecastQuery,
  InsightList,
  InsightQuery,
  LearningList,
  LearningQuery,
  ModelList,
  ModelName,
} from '@kpilens/contract';
import { listForecasts, listLearnings } from '../../models/analysis-store';
import { lastRuns, listInsights } from '../../models/insights-store';
import { runAnalysis } from '../../models/service';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { parseQueryTime } from '../query-time';
import { dimensionFilters } from './read';

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
      return { models: ctx.kpiModels.info((name) => runs.get(name) ?? null) };
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
      const model = ctx.kpiModels.get(req.params.name);
      if (!model)
        throw new ApiHttpError(404, `no KPI model "${req.params.name}"; GET /api/v1/models lists them`);
      const {
        openedBySeverity: _o,
        recommendations: _r,
        ...result
      } = await runAnalysis(ctx, principalOf(req).orgId, model);
      return result;
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

  app.get(
    '/forecasts',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List forecasts',
        description:
          'The latest forecast of each KPI series (made by its model’s last analysis), daily points with a ' +
          'prediction interval up to `horizon` days (7, 30 or 90). Filter by model, metric and dimensions ' +
          '(`dim.platform=meta`); `limit` series (default 100) from `offset`, `truncated` when more match.',
        tags: ['models'],
        querystring: ForecastQuery,
        response: { 200: ForecastList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const dims = dimensionFilters(q as Record<string, unknown>, FORECAST_PARAMS);
      const limit = q.limit ?? 100;
      // One more than asked says whether more match.
      const forecasts = await listForecasts(ctx.db, principalOf(req).orgId, {
        model: q.model,
        metric: q.metric,
        dimensions: dims,
        horizonDays: q.horizon ?? 90,
        page: { limit: limit + 1, offset: q.offset ?? 0 },
      });
      return forecasts.length > limit
        ? { forecasts: forecasts.slice(0, limit), truncated: true as const }
        : { forecasts };
    },
  );

  app.get(
    '/learnings',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List learnings',
        description:
          'KPIs of one model leading KPIs of another by some days (correlation of daily changes, significant ' +
          'after correction for the pairs tested), strongest first. `model`: the ones it takes part in; ' +
          '`limit` (default 100) from `offset`, `truncated` when more match.',
        tags: ['models'],
        querystring: LearningQuery,
        response: { 200: LearningList, ...errors },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 100;
      const learnings = await listLearnings(ctx.db, principalOf(req).orgId, req.query.model, {
        limit: limit + 1,
        offset: req.query.offset ?? 0,
      });
      return learnings.length > limit
        ? { learnings: learnings.slice(0, limit), truncated: true as const }
        : { learnings };
    },
  );
}

const FORECAST_PARAMS = new Set(['model', 'metric', 'horizon', 'limit', 'offset']);
