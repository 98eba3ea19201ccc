import type { DataSourceInstanceSettings, DataSourcePlugin } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';
import type { SceneContext } from '../../../plugins-config/testing/screenshots/scene';
import type { DataSource } from '../datasource';
import { primeTextMeasurement } from '../testing/measure-text';
import { DashboardVariables } from '../testing/template-srv';
import type { KpiDataSourceOptions, KpiQuery } from '../types';

export type KpiPlugin = DataSourcePlugin<DataSource, KpiQuery, KpiDataSourceOptions>;

export const INSTANCE: DataSourceInstanceSettings<KpiDataSourceOptions> = {
  id: 1,
  uid: 'kpl',
  type: 'kpilens-exporter-datasource',
  name: 'KPI Lens',
  url: '/api/datasources/proxy/uid/kpl',
  access: 'proxy',
  readOnly: false,
  jsonData: { url: 'http://kpilens-exporter:9470' },
  meta: {} as DataSourceInstanceSettings['meta'],
};

/** The built plugin and a data source of it, on a dashboard with a few variables. */
export function loadEditors(ctx: SceneContext): { plugin: KpiPlugin; datasource: DataSource } {
  primeTextMeasurement();
  setTemplateSrv(new DashboardVariables({ model: 'marketing', platform: ['instagram', 'tiktok'] }));
  const plugin = ctx.loadPlugin('datasource-plugin').plugin as KpiPlugin;
  return { plugin, datasource: new plugin.DataSourceClass(INSTANCE) };
}
