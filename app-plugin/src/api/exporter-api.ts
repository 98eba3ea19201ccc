import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

/** The app's settings (plugin jsonData), written by its configuration page. */
export interface AppSettings {
  /** The KPI Lens data source the app reads through (its proxy route adds the exporter key). */
  datasourceUid?: string;
}

/**
 * Calls the exporter API through Grafana's data source proxy (`/api/datasources/proxy/uid/<uid>/exporter`),
 * so the API key stays on Grafana's server as for the data source itself.
 */
export class ExporterApi {
  constructor(readonly datasourceUid: string) {}

  private url(path: string): string {
    return `/api/datasources/proxy/uid/${encodeURIComponent(this.datasourceUid)}/exporter/api/v1${path}`;
  }

  async get<T>(path: string, params?: Record<string, string | number | undefined>): Promise<T> {
    const res = await lastValueFrom(
      getBackendSrv().fetch<T>({ method: 'GET', url: this.url(path), params, showErrorAlert: false }),
    );
    return res.data;
  }

  async post<T>(path: string, data?: unknown): Promise<T> {
    const res = await lastValueFrom(
      getBackendSrv().fetch<T>({ method: 'POST', url: this.url(path), data, showErrorAlert: false }),
    );
    return res.data;
  }
}

export function apiError(err: unknown): string {
  const e = err as { data?: { message?: string }; status?: number; statusText?: string; message?: string };
  return (
    e?.data?.message ??
    e?.message ??
    (e?.status ? `HTTP ${e.status} ${e.statusText ?? ''}`.trim() : String(err))
  );
}
