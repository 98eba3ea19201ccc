import { PluginType, type AppRootProps } from '@grafana/data';

/** What Grafana passes the app's root page, for rendering it in tests at the given path. */
export function appRootProps(path: string): AppRootProps {
  return {
    basename: '/a/kpilens-app',
    path,
    query: {},
    meta: { id: 'kpilens-app', name: 'KPI Lens', type: PluginType.app, enabled: true, jsonData: {} },
    onNavChanged: () => {},
  } as unknown as AppRootProps;
}
