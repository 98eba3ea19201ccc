import {
  API_PREFIX,
  API_VERSION,
  type AnomalyBandResult,
  type Briefing,
  type ForecastList,
  type InsightList,
  type KpiLensActions,
  type LearningList,
  type ModelList,
  type PointsResult,
  type RecommendationList,
  type RiskScoreList,
  type WhoAmI,
} from '@kpilens/contract';
import {
  DataSourceApi,
  type AnnotationQuery,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { t } from '@grafana/i18n';
import { getBackendSrv, getTemplateSrv, type BackendSrvRequest } from '@grafana/runtime';
import { lastValueFrom, of } from 'rxjs';
import { insightAnnotations } from './frames/annotations';
import { anomalyBandFrames } from './frames/anomaly-band';
import { briefingFrame } from './frames/briefing';
import { forecastFrames } from './frames/forecast';
import { insightsFrame } from './frames/insights';
import { learningsFrame } from './frames/learnings';
import { recommendationsFrame } from './frames/recommendations';
import { riskDistributionFrame, riskScoresFrame } from './frames/risk';
import { pointsFrames } from './frames/series';
import { kpiInfoByName, type KpiInfo } from './frames/units';
import { connectionFailure, errorMessage } from './query/errors';
import { interpolateQuery, type Replace } from './query/interpolate';
import {
  buildRequests,
  horizonOf,
  isRunnable,
  queryTypeOf,
  riskMeasureOf,
  type ExporterRequest,
} from './query/requests';
import { KpiVariableSupport } from './variable-support';
import { DEFAULT_QUERY, type KpiDataSourceOptions, type KpiQuery } from './types';

/** The plugin.json route through which Grafana's server proxies to the exporter, adding the API key. */
export const EXPORTER_ROUTE = 'exporter';

/**
 * Frontend data source: every call goes to Grafana's data source proxy (`instanceSettings.url`), whose
 * `exporter` route forwards to the exporter with the API key added server-side.
 */
export class DataSource extends DataSourceApi<KpiQuery, KpiDataSourceOptions> implements KpiLensActions {
  private readonly routeUrl: string;
  private readonly exporterUrl: string | undefined;
  private kpis: Promise<Map<string, KpiInfo>> | undefined;

  constructor(instanceSettings: DataSourceInstanceSettings<KpiDataSourceOptions>) {
    super(instanceSettings);
    this.routeUrl = `${instanceSettings.url}/${EXPORTER_ROUTE}`;
    this.exporterUrl = instanceSettings.jsonData.url;
    this.variables = new KpiVariableSupport(this);
    this.annotations = {
      getDefaultQuery: () => ({ queryType: 'insights' }),
      // Annotations are insights, whatever type the stored query had.
      prepareQuery: (anno: AnnotationQuery<KpiQuery>) =>
        ({ ...(anno.target ?? { refId: 'Anno' }), queryType: 'insights' }) as KpiQuery,
      processEvents: (_anno, frames: DataFrame[]) => of(insightAnnotations(frames)),
    };
  }

  getDefaultQuery(): Partial<KpiQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: KpiQuery): boolean {
    return isRunnable(query);
  }

  applyTemplateVariables(query: KpiQuery, scopedVars: ScopedVars): KpiQuery {
    return interpolateQuery(query, scopedVars, this.replace());
  }

  async query(request: DataQueryRequest<KpiQuery>): Promise<DataQueryResponse> {
    const data: DataFrame[] = [];
    const errors: DataQueryError[] = [];
    const results = await Promise.all(
      request.targets.filter(isRunnable).map(async (target) => {
        try {
          const query = this.applyTemplateVariables(target, request.scopedVars);
          return { frames: await this.runQuery(query, request) };
        } catch (err) {
          return { error: { refId: target.refId, message: errorMessage(err) } };
        }
      }),
    );
    for (const r of results) {
      if (r.frames) {
        data.push(...r.frames);
      } else if (r.error) {
        errors.push(r.error);
      }
    }
    return errors.length > 0 ? { data, errors, error: errors[0] } : { data };
  }

  private async runQuery(query: KpiQuery, request: DataQueryRequest<KpiQuery>): Promise<DataFrame[]> {
    const requests = buildRequests(query, {
      range: request.range,
      intervalMs: request.intervalMs,
      maxDataPoints: request.maxDataPoints,
    });
    // One request id per exporter call: Grafana cancels an in-flight request when another reuses its id.
    const fetchAll = <T>() =>
      Promise.all(requests.map((r, i) => this.get<T>(r, `${request.requestId}-${query.refId}-${i}`)));
    const refId = query.refId;
    switch (queryTypeOf(query)) {
      case 'series': {
        const [kpis, results] = await Promise.all([this.kpiInfo(), fetchAll<PointsResult>()]);
        return results.flatMap((r) => pointsFrames(r, refId, kpis));
      }
      case 'anomalyBand': {
        const [kpis, results] = await Promise.all([this.kpiInfo(), fetchAll<AnomalyBandResult>()]);
        return results.flatMap((r) => anomalyBandFrames(r, refId, kpis));
      }
      case 'forecast': {
        const [kpis, results] = await Promise.all([this.kpiInfo(), fetchAll<ForecastList>()]);
        const opts = {
          interval: query.forecastInterval ?? true,
          horizonDays: horizonOf(query),
          range: { from: request.range.from.valueOf(), to: request.range.to.valueOf() },
        };
        return results.flatMap((r) => forecastFrames(r, refId, kpis, opts));
      }
      case 'insights':
        return (await fetchAll<InsightList>()).map((r) =>
          insightsFrame(r, refId, { datasourceUid: this.uid, datasourceName: this.name }, query.severities),
        );
      case 'recommendations':
        return (await fetchAll<RecommendationList>()).map((r) => recommendationsFrame(r, refId));
      case 'riskScores':
        return (await fetchAll<RiskScoreList>()).map((r) => riskScoresFrame(r, refId));
      case 'riskDistribution': {
        const unit = riskMeasureOf(query) === 'accounts' ? 'none' : undefined;
        return (await fetchAll<PointsResult>()).map((r) => riskDistributionFrame(r, refId, unit));
      }
      case 'learnings':
        return (await fetchAll<LearningList>()).map((r) =>
          learningsFrame(r, refId, query.model || undefined),
        );
      case 'briefing':
        return (await fetchAll<Briefing>()).map((r) => briefingFrame(r, refId));
    }
  }

  /**
   * "Save & test": reachability (the exporter answers through Grafana's proxy), authentication (the key is
   * accepted and may read) and API version, each failure saying what to do.
   */
  async testDatasource(): Promise<TestDataSourceResponse> {
    if (!this.exporterUrl) {
      return {
        status: 'error',
        message: t(
          'test.no-url',
          "Set the exporter URL (where Grafana's server reaches the exporter, e.g. http://kpilens:9470).",
        ),
      };
    }
    try {
      await this.request({ method: 'GET', url: `${this.routeUrl}/health` });
    } catch (err) {
      return connectionFailure('reachability', this.exporterUrl, err);
    }
    let who: WhoAmI;
    try {
      who = await this.get<WhoAmI>({ path: '/whoami', params: {} });
    } catch (err) {
      return connectionFailure('authentication', this.exporterUrl, err);
    }
    if (who.apiVersion !== API_VERSION) {
      return connectionFailure('version', this.exporterUrl, who.apiVersion);
    }
    return {
      status: 'success',
      message: t(
        'test.success',
        'Exporter {{version}} reachable; key "{{key}}" of {{organization}} accepted (scopes: {{scopes}}); API {{api}}.',
        {
          version: who.exporterVersion,
          key: who.keyName,
          organization: who.organization,
          scopes: who.scopes.join(', '),
          api: who.apiVersion,
          interpolation: { escapeValue: false },
        },
      ),
    };
  }

  /** Models, metrics, dimension keys and values the query editor offers (through the same variable API). */
  async listOptions(request: ExporterRequest): Promise<unknown> {
    return this.get(request);
  }

  acceptRecommendation(id: number): Promise<unknown> {
    return this.post(`/recommendations/${id}/accept`, {});
  }

  dismissRecommendation(id: number, reason: string): Promise<unknown> {
    return this.post(`/recommendations/${id}/dismiss`, { reason });
  }

  snoozeRecommendation(id: number, untilIso: string): Promise<unknown> {
    return this.post(`/recommendations/${id}/snooze`, { until: untilIso });
  }

  recalculateScore(accountId: string): Promise<unknown> {
    return this.get({
      path: `/accounts/${encodeURIComponent(accountId)}/score`,
      params: { recalculate: 'true' },
    });
  }

  replace(): Replace {
    const srv = getTemplateSrv();
    return (target, scopedVars, format) => srv.replace(target, scopedVars, format);
  }

  private kpiInfo(): Promise<Map<string, KpiInfo>> {
    // Units and descriptions change with exporter releases only: asked once per data source instance.
    this.kpis ??= this.get<ModelList>({ path: '/models', params: {} })
      .then(kpiInfoByName)
      .catch(() => {
        this.kpis = undefined;
        return new Map();
      });
    return this.kpis;
  }

  async get<T>(request: ExporterRequest, requestId?: string): Promise<T> {
    return this.request<T>({
      method: 'GET',
      url: `${this.routeUrl}${API_PREFIX}${request.path}`,
      params: request.params,
      requestId,
    });
  }

  private post<T>(path: string, data: unknown): Promise<T> {
    return this.request<T>({ method: 'POST', url: `${this.routeUrl}${API_PREFIX}${path}`, data });
  }

  private async request<T>(options: BackendSrvRequest): Promise<T> {
    const response = await lastValueFrom(getBackendSrv().fetch<T>({ showErrorAlert: false, ...options }));
    return response.data;
  }
}
