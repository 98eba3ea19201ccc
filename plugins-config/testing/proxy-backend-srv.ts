import http from 'http';
import { Observable } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';

/** A plugin.json route as Grafana's server applies it: target URL and headers it adds (the secret). */
export interface ProxyRoute {
  url: string;
  headers: Record<string, string>;
  /** Only requests of this method match the route (plugin.json `method`); any method when absent. */
  method?: string;
  /** The org role a user needs for the route (plugin.json `reqRole`); Grafana answers 403 otherwise. */
  reqRole?: 'Viewer' | 'Editor' | 'Admin';
}

export interface ProxyOptions {
  /** instanceSettings.url of the data source, e.g. /api/datasources/proxy/uid/kpl */
  proxyUrl: string;
  /**
   * plugin.json routes by path, as Grafana would fill them from jsonData and secureJsonData; several routes
   * of one path are tried in order, the first whose method matches wins (as Grafana's data source proxy).
   */
  routes: Record<string, ProxyRoute | ProxyRoute[]>;
  /** The signed-in user's org role, checked against a route's reqRole (default Admin). */
  userRole?: () => string | undefined;
}

const ROLE_RANK: Record<string, number> = { Viewer: 1, Editor: 2, Admin: 3 };

/**
 * plugin.json routes filled in as Grafana's server does, from the data source's jsonData and
 * secureJsonData (`{{ .JsonData.x }}`, `{{ .SecureJsonData.x }}` in url and header contents).
 */
export function routesOfPluginJson(
  pluginJson: { routes?: Array<Record<string, unknown>> },
  jsonData: Record<string, unknown>,
  secureJsonData: Record<string, string>,
): Record<string, ProxyRoute[]> {
  const fill = (text: string) =>
    text.replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_, where: string, key: string) =>
      String((where === 'JsonData' ? jsonData : secureJsonData)[key] ?? ''),
    );
  const out: Record<string, ProxyRoute[]> = {};
  for (const r of pluginJson.routes ?? []) {
    const headers = (r.headers as Array<{ name: string; content: string }> | undefined) ?? [];
    (out[r.path as string] ??= []).push({
      url: fill(r.url as string),
      headers: Object.fromEntries(headers.map((h) => [h.name, fill(h.content)])),
      ...(r.method ? { method: r.method as string } : {}),
      ...(r.reqRole ? { reqRole: r.reqRole as ProxyRoute['reqRole'] } : {}),
    });
  }
  return out;
}

function queryString(params: BackendSrvRequest['params']): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item !== undefined && item !== null) {
        search.append(k, String(item));
      }
    }
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

function send(url: string, req: BackendSrvRequest, headers: Record<string, string>) {
  return new Promise<{ status: number; statusText: string; body: string }>((resolve, reject) => {
    const body = req.data === undefined ? undefined : JSON.stringify(req.data);
    const r = http.request(
      url,
      {
        method: req.method ?? 'GET',
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: text }),
        );
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

/**
 * Grafana's data source proxy for tests: the plugin's `getBackendSrv().fetch()` calls under
 * `<proxyUrl>/<route>` go to the route's URL with the route's headers added, as Grafana's server does (the
 * first route of that path whose method matches; a user below its reqRole gets 403), so the
 * plugin talks to a real server while the secret stays out of its requests. Like Grafana, a non-2xx answer
 * is an error carrying status and parsed body, and an unreachable target is a 502. `requests` records what
 * the plugin asked for.
 */
export function proxyBackendSrv(options: ProxyOptions): {
  backendSrv: BackendSrv;
  requests: BackendSrvRequest[];
} {
  const requests: BackendSrvRequest[] = [];
  const fetch = <T>(req: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((subscriber) => {
      requests.push(req);
      const prefix = `${options.proxyUrl}/`;
      const [routePath, ...rest] = req.url.startsWith(prefix) ? req.url.slice(prefix.length).split('/') : [];
      const candidates = routePath === undefined ? undefined : options.routes[routePath];
      const method = (req.method ?? 'GET').toUpperCase();
      const route = (Array.isArray(candidates) ? candidates : candidates ? [candidates] : []).find(
        (r) => !r.method || r.method === '*' || r.method.toUpperCase() === method,
      );
      if (route?.reqRole && (ROLE_RANK[options.userRole?.() ?? 'Admin'] ?? 0) < ROLE_RANK[route.reqRole]) {
        subscriber.error({
          status: 403,
          statusText: 'Forbidden',
          data: { message: 'plugin proxy route access denied' },
          config: req,
        });
        return;
      }
      if (!route) {
        subscriber.error({
          status: 404,
          statusText: 'Not Found',
          data: { message: `no proxy route for ${req.url}` },
          config: req,
        });
        return;
      }
      const target = `${route.url.replace(/\/$/, '')}/${rest.join('/')}${queryString(req.params)}`;
      send(target, req, route.headers).then(
        (res) => {
          let data: unknown = res.body;
          try {
            data = JSON.parse(res.body);
          } catch {
            // not JSON: the text as is
          }
          const response = {
            data: data as T,
            status: res.status,
            statusText: res.statusText,
            ok: res.status >= 200 && res.status < 300,
            headers: new Headers(),
            redirected: false,
            type: 'basic' as const,
            url: req.url,
            config: req,
          };
          if (response.ok) {
            subscriber.next(response);
            subscriber.complete();
          } else {
            subscriber.error(response);
          }
        },
        (err: Error) =>
          subscriber.error({
            status: 502,
            statusText: 'Bad Gateway',
            data: { message: `Bad Gateway: ${err.message}` },
            config: req,
          }),
      );
    });
  return { backendSrv: { fetch } as unknown as BackendSrv, requests };
}
