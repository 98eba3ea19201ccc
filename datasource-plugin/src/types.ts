import type { Aggregation } from '@kpilens/contract';
import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

/** One query of a panel: a KPI (model + metric) aggregated per interval. */
export interface KpiQuery extends DataQuery {
  model?: string;
  metric?: string;
  aggregation?: Aggregation;
}

export const DEFAULT_QUERY: Partial<KpiQuery> = {
  aggregation: 'avg',
};

/** Stored in the data source's jsonData; Grafana's proxy reads `url` for the `exporter` route. */
export interface KpiDataSourceOptions extends DataSourceJsonData {
  url?: string;
}

/** Encrypted by Grafana and only used server-side, by the route's Authorization header. */
export interface KpiSecureJsonData {
  apiKey?: string;
}
