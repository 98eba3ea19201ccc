import type { Dimensions, ModelList } from '@kpilens/contract';

/** Grafana unit ids for the units the exporter's KPI definitions name. */
const GRAFANA_UNITS: Record<string, string> = {
  '%': 'percent',
  s: 's',
  ms: 'ms',
  EUR: 'currencyEUR',
  USD: 'currencyUSD',
  GBP: 'currencyGBP',
};

export function grafanaUnit(unit: string | undefined): string | undefined {
  if (!unit) {
    return undefined;
  }
  return GRAFANA_UNITS[unit] ?? `suffix: ${unit}`;
}

/** What the exporter says about each KPI (unit, description), by `model.metric`. */
export interface KpiInfo {
  unit?: string;
  description?: string;
}

export function kpiInfoByName(models: ModelList): Map<string, KpiInfo> {
  const out = new Map<string, KpiInfo>();
  for (const m of models.models) {
    for (const k of m.kpis) {
      out.set(`${m.name}.${k.metric}`, { unit: grafanaUnit(k.unit), description: k.description });
    }
  }
  return out;
}

/** `ctr {platform=instagram, campaignId=camp_1}`: the legend of a series. */
export function seriesDisplayName(metric: string, dimensions: Dimensions): string {
  const dims = Object.entries(dimensions).map(([k, v]) => `${k}=${v}`);
  return dims.length > 0 ? `${metric} {${dims.join(', ')}}` : metric;
}
