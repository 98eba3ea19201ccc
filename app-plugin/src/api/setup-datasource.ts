import type { BackendSrv } from '@grafana/runtime';
import { t } from '@grafana/i18n';
import pluginJson from '../plugin.json';
import type { AppSettings } from './exporter-api';

export const DATASOURCE_TYPE = 'kpilens-exporter-datasource';
export const DATASOURCE_NAME = 'KPI Lens';
/** The uid the provisioned stack gives it, which the dashboards the app includes refer to. */
export const DATASOURCE_UID = 'kpilens-exporter';

interface DataSourceJson {
  id?: number;
  uid: string;
  name: string;
  type: string;
  jsonData?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Problems with what the user typed, by field; empty when it can be saved. */
export function configErrors(
  url: string,
  apiKey: string,
  hasStoredKey: boolean,
): { url?: string; apiKey?: string } {
  const errors: { url?: string; apiKey?: string } = {};
  if (!/^https?:\/\/[^\s/]+/.test(url.trim())) {
    errors.url = t('app.config.url-invalid', 'An http:// or https:// URL, e.g. http://kpilens-exporter:8080');
  }
  if (!apiKey.trim() && !hasStoredKey) {
    errors.apiKey = t('app.config.key-missing', 'The API key from `kpilens keys create` (read scope)');
  }
  return errors;
}

/**
 * Creates the KPI Lens data source, or updates the one of that name, with the exporter URL and key (the key
 * goes to secureJsonData: Grafana keeps it server-side), then stores its uid in the app's settings.
 * Uses Grafana's HTTP API as the signed-in user (an admin).
 */
export async function setupDatasource(
  backend: Pick<BackendSrv, 'get' | 'post' | 'put'>,
  url: string,
  apiKey: string,
  current: AppSettings,
): Promise<string> {
  const list = (await backend.get<DataSourceJson[]>('/api/datasources')) ?? [];
  const existing =
    list.find((d) => d.uid === current.datasourceUid && d.type === DATASOURCE_TYPE) ??
    list.find((d) => d.uid === DATASOURCE_UID && d.type === DATASOURCE_TYPE) ??
    list.find((d) => d.name === DATASOURCE_NAME && d.type === DATASOURCE_TYPE);
  const settings = {
    name: existing?.name ?? DATASOURCE_NAME,
    type: DATASOURCE_TYPE,
    access: 'proxy',
    jsonData: { ...existing?.jsonData, url: url.trim() },
    ...(apiKey.trim() ? { secureJsonData: { apiKey: apiKey.trim() } } : {}),
  };
  let uid: string;
  if (existing) {
    await backend.put(`/api/datasources/uid/${encodeURIComponent(existing.uid)}`, {
      ...existing,
      ...settings,
    });
    uid = existing.uid;
  } else {
    // The included dashboards' uid, unless another data source already has it (then Grafana picks one).
    const uidFree = !list.some((d) => d.uid === DATASOURCE_UID);
    const created = await backend.post<{ datasource: DataSourceJson }>('/api/datasources', {
      ...(uidFree ? { uid: DATASOURCE_UID } : {}),
      ...settings,
    });
    uid = created.datasource.uid;
  }
  await backend.post(`/api/plugins/${pluginJson.id}/settings`, {
    enabled: true,
    pinned: true,
    jsonData: { ...current, datasourceUid: uid },
  });
  return uid;
}
