import type { AccountList, DimensionKeyList, DimensionValueList, MetricCatalog } from '@kpilens/contract';
import type { MetricFindValue } from '@grafana/data';
import type { KpiVariableQuery } from '../types';
import type { ExporterRequest } from './requests';

/** Most accounts a variable lists (one page of GET /accounts). */
export const MAX_ACCOUNT_OPTIONS = 1000;

/** The exporter request behind a variable query (already interpolated). */
export function variableRequest(query: KpiVariableQuery): ExporterRequest {
  const filters: Record<string, string> = {};
  if (query.model) {
    filters.model = query.model;
  }
  if (query.metric) {
    filters.metric = query.metric;
  }
  switch (query.type) {
    case 'models':
      return { path: '/metrics', params: {} };
    case 'metrics':
      return { path: '/metrics', params: query.model ? { model: query.model } : {} };
    case 'dimensionKeys':
      return { path: '/dimensions', params: filters };
    case 'dimensionValues':
      if (!query.dimensionKey) {
        throw new Error('choose the dimension key whose values the variable lists');
      }
      return { path: `/dimensions/${encodeURIComponent(query.dimensionKey)}/values`, params: filters };
    case 'accounts':
      return { path: '/accounts', params: { limit: MAX_ACCOUNT_OPTIONS } };
  }
}

/** The variable's options from the exporter's answer. */
export function variableOptions(query: KpiVariableQuery, body: unknown): MetricFindValue[] {
  switch (query.type) {
    case 'models':
      return [...new Set((body as MetricCatalog).metrics.map((m) => m.model))].map((text) => ({ text }));
    case 'metrics':
      return [...new Set((body as MetricCatalog).metrics.map((m) => m.metric))].map((text) => ({ text }));
    case 'dimensionKeys':
      return (body as DimensionKeyList).keys.map((k) => ({ text: k.key }));
    case 'dimensionValues':
      return (body as DimensionValueList).values.map((v) => ({ text: v.value }));
    case 'accounts':
      return (body as AccountList).accounts.map((a) => ({
        text: a.name ? `${a.name} (${a.id})` : a.id,
        value: a.id,
      }));
  }
}
