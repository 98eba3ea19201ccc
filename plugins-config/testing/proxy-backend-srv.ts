import http from 'http';
import { Observable } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';

/** A plugin.json route as Grafana's server applies it: target URL and headers it adds (the secret). */
export interface ProxyRoute {
  url: string;
  headers: Record<string, string>;
}

export interface ProxyOptions {
  /** instanceSettings.url of the data source, e.g. /api/datasources/proxy/uid/kpl */
  proxyUrl: string;
  /** plugin.json routes by path, as Grafana would fill them from jsonData and secureJsonData. */
  routes: Record<string, ProxyRoute>;
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
 * `<proxyUrl>/<route>` go to the route's URL with the route's headers added, as Grafana's server does, so the
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
      const route = routePath === undefined ? undefined : options.routes[routePath];
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
