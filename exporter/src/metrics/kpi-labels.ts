/** Prometheus label name for a dimension key: campaignId -> campaign_id. */
export function labelName(dimensionKey: string): string {
  return dimensionKey
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

export interface KpiSeriesRow {
  org: string;
  model: string;
  metric: string;
  dimensions: Record<string, string>;
  value: number;
}

/**
 * Labels of one KPI gauge sample: org, model, metric and the series' dimensions. Absent dimensions are left
 * out rather than rendered empty (Prometheus treats both alike; fewer labels make a cheaper scrape). Null
 * when the series has a dimension outside the exported set: such series are per-entity data and stay out of
 * Prometheus.
 */
export function kpiLabels(row: KpiSeriesRow, exported: string[]): Record<string, string> | null {
  const labels: Record<string, string> = { org: row.org, model: row.model, metric: row.metric };
  for (const [k, v] of Object.entries(row.dimensions)) {
    if (!exported.includes(k)) return null;
    labels[labelName(k)] = v;
  }
  return labels;
}
