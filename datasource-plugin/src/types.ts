import type { KpiQueryModel, KpiVariableQueryModel } from '@kpilens/contract';
import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

/** One query of a panel (the model is shared with provisioning through @kpilens/contract). */
export interface KpiQuery extends Omit<DataQuery, 'queryType'>, KpiQueryModel {}

/** A dashboard variable's query. */
export interface KpiVariableQuery extends DataQuery, KpiVariableQueryModel {}

export const DEFAULT_QUERY: Partial<KpiQuery> = {
  queryType: 'series',
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
