import { PluginType, type AppRootProps } from '@grafana/data';
import type { AppSettings } from '../api/exporter-api';

/** What Grafana passes the app's root page, for rendering it in tests at the given path. */
export function appRootProps(
  path: string,
  jsonData: AppSettings = {},
  query: Record<string, string> = {},
): AppRootProps<AppSettings> {
  return {
    basename: '/a/kpilens-app',
    path,
    query,
    meta: { id: 'kpilens-app', name: 'KPI Lens', type: PluginType.app, enabled: true, jsonData },
    onNavChanged: () => {},
  } as unknown as AppRootProps<AppSettings>;
}
