import type { DimensionFilter } from '@kpilens/contract';
import type { ScopedVars } from '@grafana/data';
import type { KpiQuery, KpiVariableQuery } from '../types';

/** TemplateSrv.replace, the one Grafana hands to plugins through getTemplateSrv(). */
export type Replace = (
  target?: string,
  scopedVars?: ScopedVars,
  format?: string | ((value: unknown) => string),
) => string;

// Multi-value variables come back joined by a character no KPI name or dimension value contains.
const SEPARATOR = '\u001f';
const joinValues = (value: unknown) =>
  Array.isArray(value) ? value.map(String).join(SEPARATOR) : String(value);

/** Every value a text with (possibly multi-value) variables stands for, empty ones dropped. */
export function interpolateValues(
  text: string | undefined,
  scopedVars: ScopedVars,
  replace: Replace,
): string[] {
  if (!text) {
    return [];
  }
  return replace(text, scopedVars, joinValues)
    .split(SEPARATOR)
    .map((v) => v.trim())
    .filter(Boolean);
}

function one(text: string | undefined, scopedVars: ScopedVars, replace: Replace): string | undefined {
  return text === undefined ? undefined : replace(text, scopedVars, 'raw').trim();
}

/**
 * `platform=instagram, campaignId=$campaign` as filters (the form data links use); `plan=` or `plan` alone is
 * an empty value: series without that dimension.
 */
export function parseSelector(selector: string): DimensionFilter[] {
  return selector
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? { key: part, value: '' }
        : { key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
    });
}

/** Filters as text, the inverse of parseSelector. */
export function formatSelector(dimensions: Record<string, string>): string {
  return Object.entries(dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/**
 * The query with every template variable replaced: names and options take one value; dimension values,
 * severities and risk levels keep every value of a multi-value variable (joined, see expandDimensions).
 */
export function interpolateQuery(query: KpiQuery, scopedVars: ScopedVars, replace: Replace): KpiQuery {
  // An editor row without a value is unfinished and left out; in the selector text `plan=` (or `plan`) is
  // written on purpose and means "without this dimension", as plan="" does in PromQL. The selector is
  // parsed before interpolation, so a multi-value variable stays one filter with several values.
  const dims = [
    ...(query.dimensions ?? []).map((d) => ({ ...d, absent: false })),
    ...parseSelector(query.selector ?? '').map((d) => ({ ...d, absent: d.value === '' })),
  ];
  const many = <T extends string>(list: T[] | undefined) =>
    list === undefined ? undefined : (list.flatMap((v) => interpolateValues(v, scopedVars, replace)) as T[]);
  return {
    ...query,
    model: one(query.model, scopedVars, replace),
    metric: one(query.metric, scopedVars, replace),
    interval: one(query.interval, scopedVars, replace),
    aggregation: one(query.aggregation, scopedVars, replace) as KpiQuery['aggregation'],
    selector: undefined,
    dimensions: dims
      .map((d) => ({
        key: replace(d.key, scopedVars, 'raw').trim(),
        value: interpolateValues(d.value, scopedVars, replace).join(SEPARATOR),
        absent: d.absent,
      }))
      .filter((d) => d.key && (d.value || d.absent))
      .map(({ key, value }) => ({ key, value })),
    severities: many(query.severities),
    riskLevels: many(query.riskLevels),
    insightStatus: one(query.insightStatus, scopedVars, replace) as KpiQuery['insightStatus'],
    recommendationStatus: one(
      query.recommendationStatus,
      scopedVars,
      replace,
    ) as KpiQuery['recommendationStatus'],
    riskMeasure: one(query.riskMeasure, scopedVars, replace) as KpiQuery['riskMeasure'],
    language: one(query.language, scopedVars, replace) as KpiQuery['language'],
  };
}

export function interpolateVariableQuery(query: KpiVariableQuery, replace: Replace): KpiVariableQuery {
  return {
    ...query,
    model: one(query.model, {}, replace) || undefined,
    metric: one(query.metric, {}, replace) || undefined,
    dimensionKey: one(query.dimensionKey, {}, replace) || undefined,
  };
}

/** Most exporter requests one query may fan out to (multi-value dimension variables). */
export const MAX_COMBINATIONS = 20;

/**
 * One dimension filter set per combination of the values of multi-value variables: the exporter matches
 * dimensions exactly, so `platform=$platform` with two platforms is two requests.
 */
export function expandDimensions(dimensions: DimensionFilter[] | undefined): Array<Record<string, string>> {
  let sets: Array<Record<string, string>> = [{}];
  for (const d of dimensions ?? []) {
    const values = d.value.split(SEPARATOR);
    sets = sets.flatMap((set) => values.map((v) => ({ ...set, [d.key]: v })));
    if (sets.length > MAX_COMBINATIONS) {
      throw new Error(
        `the dimension filters stand for more than ${MAX_COMBINATIONS} combinations of values: select fewer values`,
      );
    }
  }
  return sets;
}
