import { Type } from '@sinclair/typebox';
import {
  ApiError,
  DIMENSION_KEY_PATTERN,
  DimensionKeyList,
  DimensionKeysQuery,
  DimensionValueList,
  DimensionValuesQuery,
  MetricCatalog,
  MetricCatalogQuery,
} from '@kpilens/contract';
import { listDimensionKeys, listDimensionValues, listMetrics } from '../../store/catalog';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { dimensionFilters } from './read';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError, 503: ApiError };
const KNOWN = new Set(['model', 'metric', 'limit']);

/** Stored models, metrics, dimension keys and values: what the datasource's pickers and variables offer. */
export async function catalogRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  app.get(
    '/metrics',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Stored KPI models and metrics',
        description: 'Every (model, metric) pair with data, in name order, with its number of series.',
        tags: ['read'],
        querystring: MetricCatalogQuery,
        response: { 200: MetricCatalog, ...errors },
      },
    },
    async (req) => {
      const r = await listMetrics(ctx.db, principalOf(req).orgId, req.query.model, req.query.limit ?? 1000);
      return { metrics: r.items, truncated: r.truncated };
    },
  );

  app.get(
    '/dimensions',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Dimension keys of the matching series',
        description: 'Filter by model, metric and dimensions (`dim.platform=instagram`).',
        tags: ['read'],
        querystring: DimensionKeysQuery,
        response: { 200: DimensionKeyList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await listDimensionKeys(
        ctx.db,
        principalOf(req).orgId,
        { model: q.model, metric: q.metric, dimensions: dimensionFilters(q, KNOWN) },
        q.limit ?? 1000,
      );
      return { keys: r.items, truncated: r.truncated };
    },
  );

  app.get(
    '/dimensions/:key/values',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Values of one dimension key among the matching series',
        description: 'Filter by model, metric and other dimensions (`dim.platform=instagram`).',
        tags: ['read'],
        params: Type.Object({ key: Type.String({ pattern: DIMENSION_KEY_PATTERN }) }),
        querystring: DimensionValuesQuery,
        response: { 200: DimensionValueList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await listDimensionValues(
        ctx.db,
        principalOf(req).orgId,
        req.params.key,
        { model: q.model, metric: q.metric, dimensions: dimensionFilters(q, KNOWN) },
        q.limit ?? 1000,
      );
      return { key: req.params.key, values: r.items, truncated: r.truncated };
    },
  );
}
