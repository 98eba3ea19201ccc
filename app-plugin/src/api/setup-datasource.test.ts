import { configErrors, setupDatasource } from './setup-datasource';

/** Grafana's HTTP API as seen from the plugin: records calls, answers like Grafana's server. */
function grafanaApi(datasources: Array<Record<string, unknown>>) {
  const calls: Array<[string, string, unknown?]> = [];
  return {
    calls,
    get: async (url: string) => {
      calls.push(['GET', url]);
      return datasources;
    },
    post: async (url: string, body?: unknown) => {
      calls.push(['POST', url, body]);
      return url === '/api/datasources' ? { datasource: { uid: 'new-uid' } } : {};
    },
    put: async (url: string, body?: unknown) => {
      calls.push(['PUT', url, body]);
      return {};
    },
  };
}

describe('setupDatasource', () => {
  it('creates the data source with the key in secureJsonData and remembers it in the app settings', async () => {
    const api = grafanaApi([]);
    const uid = await setupDatasource(api as never, ' http://exporter:8080 ', 'kl_abc', {});
    expect(uid).toBe('new-uid');
    expect(api.calls).toEqual([
      ['GET', '/api/datasources'],
      [
        'POST',
        '/api/datasources',
        {
          uid: 'kpilens-exporter',
          name: 'KPI Lens',
          type: 'kpilens-exporter-datasource',
          access: 'proxy',
          jsonData: { url: 'http://exporter:8080' },
          secureJsonData: { apiKey: 'kl_abc' },
        },
      ],
      [
        'POST',
        '/api/plugins/kpilens-app/settings',
        { enabled: true, pinned: true, jsonData: { datasourceUid: 'new-uid' } },
      ],
    ]);
  });

  it('leaves the uid to Grafana when another data source has the one the dashboards use', async () => {
    const api = grafanaApi([{ uid: 'kpilens-exporter', name: 'Old', type: 'prometheus' }]);
    await setupDatasource(api as never, 'http://exporter:8080', 'kl_abc', {});
    expect(api.calls[1][2]).not.toHaveProperty('uid');
  });

  it('updates the existing one, keeping the stored key when none is typed', async () => {
    const api = grafanaApi([
      { uid: 'other', name: 'Prometheus', type: 'prometheus' },
      {
        uid: 'k1',
        id: 4,
        name: 'KPI Lens',
        type: 'kpilens-exporter-datasource',
        jsonData: { url: 'http://old' },
      },
    ]);
    expect(await setupDatasource(api as never, 'https://new', '', { datasourceUid: 'k1' })).toBe('k1');
    expect(api.calls[1]).toEqual([
      'PUT',
      '/api/datasources/uid/k1',
      {
        uid: 'k1',
        id: 4,
        name: 'KPI Lens',
        type: 'kpilens-exporter-datasource',
        access: 'proxy',
        jsonData: { url: 'https://new' },
      },
    ]);
  });
});

describe('configErrors', () => {
  it('asks for an http(s) URL and a key unless one is stored', () => {
    expect(configErrors('exporter:8080', '', false)).toEqual({
      url: expect.any(String),
      apiKey: expect.any(String),
    });
    expect(configErrors('http://exporter:8080', '', true)).toEqual({});
  });
});
