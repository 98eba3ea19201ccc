import path from 'path';
import {
  dateTime,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourcePlugin,
} from '@grafana/data';
import { config, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import type { KpiLensActions } from '@kpilens/contract';
import {
  ensurePluginBuilt,
  loadBuiltPlugin,
  proxyBackendSrv,
  routesOfPluginJson,
} from '../../../plugins-config/testing';
import { dataSourceSrvOf } from '../../../plugins-config/testing/data-source-srv';
import type { DataSource } from '../../../datasource-plugin/src/datasource';
import { DashboardVariables } from '../../../datasource-plugin/src/testing/template-srv';
import type { KpiQuery } from '../../../datasource-plugin/src/types';

export const DATASOURCE_UID = 'kpl';
const PROXY_URL = `/api/datasources/proxy/uid/${DATASOURCE_UID}`;
const DATASOURCE_DIR = path.resolve(__dirname, '..', '..', '..', 'datasource-plugin');

/**
 * The KPI Lens data source from its own production dist/, reading `url` with `key` through a stand-in of
 * Grafana's data source proxy, and registered with Grafana's data source service: the panel's inbox actions
 * reach the exporter through it as they would in Grafana.
 */
export function kpiDataSource(url: string, key: string) {
  ensurePluginBuilt(DATASOURCE_DIR);
  const { plugin, pluginJson } = loadBuiltPlugin(path.join(DATASOURCE_DIR, 'dist'), {
    requireShared: require,
  });
  const settings = {
    id: 1,
    uid: DATASOURCE_UID,
    type: 'kpilens-exporter-datasource',
    name: 'KPI Lens',
    url: PROXY_URL,
    access: 'proxy',
    readOnly: false,
    jsonData: { url },
    meta: {} as DataSourceInstanceSettings['meta'],
  } as DataSourceInstanceSettings;
  // The data source's own plugin.json routes, filled as Grafana's server fills them, checked against the
  // signed-in user's role (POSTs need an Editor).
  const proxy = proxyBackendSrv({
    proxyUrl: PROXY_URL,
    routes: routesOfPluginJson(pluginJson as never, { url }, { apiKey: key }),
    userRole: () => config.bootData.user.orgRole,
  });
  setBackendSrv(proxy.backendSrv);
  const ds = new (plugin as DataSourcePlugin<DataSource>).DataSourceClass(settings) as DataSource &
    KpiLensActions;
  // A dashboard without variables: the queries' text goes to the exporter as it is.
  setTemplateSrv(new DashboardVariables({}));
  setDataSourceSrv(dataSourceSrvOf([{ ds: ds as unknown as DataSourceApi, settings }]));

  /** The frames the data source answers for these queries over the last week, as a panel receives them. */
  const frames = async (targets: Array<Partial<KpiQuery> & { refId: string }>): Promise<DataFrame[]> => {
    const now = Date.now();
    const from = dateTime(now - 7 * 86_400_000);
    const to = dateTime(now);
    const request = {
      requestId: 'Q',
      targets: targets.map((t) => ({ ...t, datasource: { type: settings.type, uid: DATASOURCE_UID } })),
      range: { from, to, raw: { from, to } },
      interval: '1h',
      intervalMs: 3_600_000,
      maxDataPoints: 1000,
      scopedVars: {},
      timezone: 'utc',
      app: 'dashboard',
      startTime: now,
    } as unknown as DataQueryRequest<KpiQuery>;
    const res = (await ds.query(request)) as DataQueryResponse;
    if (res.errors?.length) {
      throw new Error(`query failed: ${JSON.stringify(res.errors)}`);
    }
    return res.data;
  };
  return { ds, frames, requests: proxy.requests };
}
