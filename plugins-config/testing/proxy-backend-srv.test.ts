import { lastValueFrom } from 'rxjs';
import { proxyBackendSrv, routesOfPluginJson } from './proxy-backend-srv';

const pluginJson = {
  routes: [
    {
      path: 'exporter',
      method: 'POST',
      reqRole: 'Editor',
      url: '{{ .JsonData.url }}',
      headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiKey }}' }],
    },
    {
      path: 'exporter',
      url: '{{ .JsonData.url }}',
      headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiKey }}' }],
    },
  ],
};

describe('proxyBackendSrv', () => {
  it('fills plugin.json routes from jsonData and secureJsonData, in order', () => {
    expect(routesOfPluginJson(pluginJson, { url: 'http://x:1' }, { apiKey: 'k' })).toEqual({
      exporter: [
        { url: 'http://x:1', headers: { Authorization: 'Bearer k' }, method: 'POST', reqRole: 'Editor' },
        { url: 'http://x:1', headers: { Authorization: 'Bearer k' } },
      ],
    });
  });

  it("refuses a route whose reqRole is above the user's role, before any request leaves", async () => {
    let role = 'Viewer';
    // An address nothing listens on: a request that left would fail with 502, not 403.
    const { backendSrv, requests } = proxyBackendSrv({
      proxyUrl: '/api/datasources/proxy/uid/k',
      routes: routesOfPluginJson(pluginJson, { url: 'http://127.0.0.1:9' }, { apiKey: 'k' }),
      userRole: () => role,
    });
    const post = () =>
      lastValueFrom(
        backendSrv.fetch({ method: 'POST', url: '/api/datasources/proxy/uid/k/exporter/api/v1/x' }),
      );
    await expect(post()).rejects.toMatchObject({ status: 403 });
    role = 'Editor';
    await expect(post()).rejects.toMatchObject({ status: 502 });
    role = 'Viewer';
    // GETs match the second route, open to every role.
    await expect(
      lastValueFrom(
        backendSrv.fetch({ method: 'GET', url: '/api/datasources/proxy/uid/k/exporter/api/v1/x' }),
      ),
    ).rejects.toMatchObject({ status: 502 });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST', 'GET']);
  });
});
