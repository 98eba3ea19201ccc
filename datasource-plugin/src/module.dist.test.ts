import fs from 'fs';
import path from 'path';
import { of } from 'rxjs';
import {
  DataSourcePlugin,
  dateTime,
  type DataQueryRequest,
  type DataSourceApi,
  type DataSourceInstanceSettings,
} from '@grafana/data';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';
import { ensurePluginBuilt, loadBuiltPlugin, pluginJsonErrors } from '../../plugins-config/testing';
import type { KpiDataSourceOptions, KpiQuery } from './types';

// The production bundle, loaded the way Grafana loads it (AMD define with Grafana's shared modules).
const pluginDir = path.resolve(__dirname, '..');
let loaded: ReturnType<typeof loadBuiltPlugin>;

beforeAll(() => {
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
}, 300_000);

/** Stands in for Grafana's server: records what the plugin asks the data source proxy for. */
function recordingBackendSrv(reply: (req: BackendSrvRequest) => unknown): BackendSrvRequest[] {
  const requests: BackendSrvRequest[] = [];
  setBackendSrv({
    fetch: (req: BackendSrvRequest) => {
      requests.push(req);
      return of({
        data: reply(req),
        status: 200,
        ok: true,
        headers: new Headers(),
        redirected: false,
        type: 'basic',
        url: req.url,
        config: req,
        statusText: 'OK',
      });
    },
  } as unknown as BackendSrv);
  return requests;
}

const settings: DataSourceInstanceSettings<KpiDataSourceOptions> = {
  id: 1,
  uid: 'kpl',
  type: 'kpilens-exporter-datasource',
  name: 'KPI Lens',
  url: '/api/datasources/proxy/uid/kpl',
  access: 'proxy',
  readOnly: false,
  jsonData: { url: 'http://exporter:8080' },
  meta: {} as DataSourceInstanceSettings['meta'],
};

describe('built datasource plugin', () => {
  it('exports a DataSourcePlugin of the same @grafana/data Grafana hands in', () => {
    expect(loaded.plugin).toBeInstanceOf(DataSourcePlugin);
    const plugin = loaded.plugin as DataSourcePlugin<DataSourceApi<KpiQuery>>;
    expect(plugin.components.ConfigEditor).toBeDefined();
    expect(plugin.components.QueryEditor).toBeDefined();
  });

  it('ships a valid plugin.json with the exporter proxy route', () => {
    const source = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
    expect(pluginJsonErrors(source)).toEqual([]);
    expect(pluginJsonErrors(loaded.pluginJson)).toEqual([]);
    expect(loaded.pluginJson).toMatchObject({
      id: 'kpilens-exporter-datasource',
      type: 'datasource',
      buildMode: 'production',
      info: { version: '0.1.0' },
      routes: [
        {
          path: 'exporter',
          url: '{{ .JsonData.url }}',
          headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiKey }}' }],
        },
      ],
    });
    expect(fs.existsSync(path.join(pluginDir, 'dist', 'img', 'logo.svg'))).toBe(true);
    expect(fs.readFileSync(path.join(pluginDir, 'dist', 'README.md'), 'utf8')).toContain('Version 0.1.0');
  });

  it('queries the exporter through the proxy route and returns its series as frames', async () => {
    const requests = recordingBackendSrv(() => ({
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
      intervalMs: 60_000,
      aggregation: 'sum',
      source: 'rollup_1m',
      truncated: false,
      series: [
        { id: 3, model: 'sales', metric: 'revenue', dimensions: { region: 'eu' }, points: [[1000, 42]] },
      ],
    }));
    const plugin = loaded.plugin as DataSourcePlugin<DataSourceApi<KpiQuery>>;
    const ds = new plugin.DataSourceClass(settings);
    const from = dateTime(1_772_323_200_000);
    const to = dateTime(1_772_409_600_000);

    const response = await (ds.query({
      requestId: 'Q1',
      targets: [
        { refId: 'A', model: 'sales', metric: 'revenue', aggregation: 'sum' },
        { refId: 'B', model: 'sales' },
      ],
      range: { from, to, raw: { from, to } },
      intervalMs: 60_000,
      maxDataPoints: 500,
    } as DataQueryRequest<KpiQuery>) as Promise<{
      data: Array<{ name: string; refId: string; length: number }>;
    }>);

    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/api/datasources/proxy/uid/kpl/exporter/api/v1/query');
    expect(requests[0].params).toEqual({
      model: 'sales',
      metric: 'revenue',
      from: '1772323200000',
      to: '1772409600000',
      aggregation: 'sum',
      intervalMs: 60_000,
      maxDataPoints: 500,
    });
    expect(response.data.map((f) => [f.refId, f.name, f.length])).toEqual([['A', 'sales.revenue', 1]]);
  });

  it('tests the connection with the key through whoami', async () => {
    const requests = recordingBackendSrv(() => ({
      organization: 'acme',
      keyName: 'grafana',
      scopes: ['read'],
      apiVersion: 'v1',
      exporterVersion: '0.1.0',
    }));
    const plugin = loaded.plugin as DataSourcePlugin<DataSourceApi<KpiQuery>>;
    const result = await new plugin.DataSourceClass(settings).testDatasource();

    expect(requests.map((r) => r.url)).toEqual(['/api/datasources/proxy/uid/kpl/exporter/api/v1/whoami']);
    expect(result).toEqual({ status: 'success', message: expect.stringContaining('"grafana" of acme') });
  });
});
