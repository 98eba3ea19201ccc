import type { DataSourceApi, DataSourceInstanceSettings, DataSourceRef } from '@grafana/data';
import type { DataSourceSrv } from '@grafana/runtime';

/**
 * Grafana's data source service for tests (`setDataSourceSrv`): hands out the given data source instances
 * (built from a plugin's dist/) by uid or name, as Grafana's does once it has loaded them, so a panel or app
 * reaches the real data source through `getDataSourceSrv().get()`.
 */
export function dataSourceSrvOf(
  instances: Array<{ ds: DataSourceApi; settings: DataSourceInstanceSettings }>,
): DataSourceSrv {
  const find = (ref: DataSourceRef | string | null | undefined) => {
    const key = typeof ref === 'string' ? ref : ref?.uid;
    return instances.find((i) => i.settings.uid === key || i.settings.name === key);
  };
  const srv = {
    get: async (ref?: DataSourceRef | string | null) => {
      const found = find(ref);
      if (!found) {
        throw new Error(`Data source ${JSON.stringify(ref)} was not found`);
      }
      return found.ds;
    },
    getInstanceSettings: (ref?: DataSourceRef | string | null) => find(ref)?.settings,
    getList: () => instances.map((i) => i.settings),
    reload: async () => {},
  };
  return srv as unknown as DataSourceSrv;
}
