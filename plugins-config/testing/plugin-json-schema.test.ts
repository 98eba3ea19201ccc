import { pluginJsonErrors } from './plugin-json-schema';

const valid = {
  type: 'datasource',
  name: 'KPI Lens',
  id: 'kpilens-exporter-datasource',
  metrics: true,
  info: {
    author: { name: 'KPI Lens' },
    keywords: ['kpi'],
    logos: { small: 'img/logo.svg', large: 'img/logo.svg' },
    version: '%VERSION%',
    updated: '%TODAY%',
  },
  routes: [
    {
      path: 'exporter',
      url: '{{ .JsonData.url }}',
      headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiKey }}' }],
    },
  ],
  dependencies: { grafanaDependency: '>=13.1.0', plugins: [] },
};

describe('pluginJsonErrors', () => {
  it('accepts a complete plugin.json, before and after the build fills in version and date', () => {
    expect(pluginJsonErrors(valid)).toEqual([]);
    expect(
      pluginJsonErrors({
        ...valid,
        info: { ...valid.info, version: '0.1.0', updated: '2026-03-01' },
        buildMode: 'production',
      }),
    ).toEqual([]);
  });

  it.each([
    ['an id without a type suffix', { ...valid, id: 'kpilens-exporter' }],
    ['an id with upper case', { ...valid, id: 'KpiLens-datasource' }],
    ['an id with three name parts', { ...valid, id: 'a-b-c-datasource' }],
    ['an unknown plugin type', { ...valid, type: 'widget' }],
    ['no grafanaDependency', { ...valid, dependencies: { plugins: [] } }],
    [
      'a grafanaDependency that is no version range',
      { ...valid, dependencies: { grafanaDependency: 'latest' } },
    ],
    ['no logos', { ...valid, info: { ...valid.info, logos: undefined } }],
    ['no keywords', { ...valid, info: { ...valid.info, keywords: [] } }],
    ['a malformed version', { ...valid, info: { ...valid.info, version: 'v1' } }],
    ['a route without url', { ...valid, routes: [{ path: 'exporter' }] }],
    ['an unknown top-level key', { ...valid, scopes: ['read'] }],
    ['alerting without a backend', { ...valid, alerting: true }],
  ])('rejects %s', (_, json) => {
    expect(pluginJsonErrors(json)).not.toEqual([]);
  });

  it('says where the problem is', () => {
    expect(pluginJsonErrors({ ...valid, id: 'nope' }).join('\n')).toContain('/id');
  });
});
