import { API_PREFIX, type PointsResult, type WhoAmI } from '@kpilens/contract';
import {
  DataSourceApi,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import {
  EXPORTER_ROUTE,
  errorMessage,
  isRunnable,
  pointsQueryParams,
  pointsResultToFrames,
} from './exporter-query';
import { DEFAULT_QUERY, type KpiDataSourceOptions, type KpiQuery } from './types';

/**
 * Frontend data source: every call goes to Grafana's data source proxy (`instanceSettings.url`), whose
 * `exporter` route forwards to the exporter with the API key added server-side.
 */
export class DataSource extends DataSourceApi<KpiQuery, KpiDataSourceOptions> {
  private readonly apiUrl: string;

  constructor(instanceSettings: DataSourceInstanceSettings<KpiDataSourceOptions>) {
    super(instanceSettings);
    this.apiUrl = `${instanceSettings.url}/${EXPORTER_ROUTE}${API_PREFIX}`;
  }

  getDefaultQuery(): Partial<KpiQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: KpiQuery): boolean {
    return isRunnable(query);
  }

  async query(request: DataQueryRequest<KpiQuery>): Promise<DataQueryResponse> {
    const frames = await Promise.all(
      request.targets.filter(isRunnable).map(async (query) => {
        const params = pointsQueryParams(query, request.range, request.intervalMs, request.maxDataPoints);
        // One request id per query: Grafana cancels an in-flight request when another reuses its id.
        const result = await this.get<PointsResult>('/query', params, `${request.requestId}-${query.refId}`);
        return pointsResultToFrames(result, query.refId);
      }),
    );
    return { data: frames.flat() };
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const who = await this.get<WhoAmI>('/whoami');
      return {
        status: 'success',
        message: `Connected to KPI Lens exporter ${who.exporterVersion} as "${who.keyName}" of ${who.organization}`,
      };
    } catch (err) {
      return { status: 'error', message: `Cannot reach the KPI Lens exporter: ${errorMessage(err)}` };
    }
  }

  private async get<T>(path: string, params?: object, requestId?: string): Promise<T> {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({ method: 'GET', url: `${this.apiUrl}${path}`, params, requestId }),
    );
    return response.data;
  }
}
