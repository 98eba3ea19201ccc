// Grafana provisioning files other than alerting: datasources, the dashboard provider, the app plugin.

import { APP_ID, KPILENS_DS_TYPE, KPILENS_DS_UID, PROMETHEUS_UID } from './datasources';

export function datasourcesFile(): Record<string, unknown> {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: PROMETHEUS_UID,
        access: 'proxy',
        url: '${KPILENS_PROMETHEUS_URL}',
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: 'POST', timeInterval: '15s' },
      },
      {
        name: 'KPI Lens',
        type: KPILENS_DS_TYPE,
        uid: KPILENS_DS_UID,
        access: 'proxy',
        editable: false,
        // the plugin's route reads jsonData.url; the key is only used server-side by that route
        jsonData: { url: '${KPILENS_EXPORTER_URL}' },
        secureJsonData: { apiKey: '${KPILENS_GRAFANA_API_KEY}' },
      },
    ],
  };
}

export function dashboardProvidersFile(): Record<string, unknown> {
  return {
    apiVersion: 1,
    providers: [
      {
        name: 'kpilens',
        orgId: 1,
        folder: 'KPI Lens',
        folderUid: 'kpilens',
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 60,
        options: { path: '/var/lib/grafana/dashboards/kpilens', foldersFromFilesStructure: false },
      },
    ],
  };
}

export function appsFile(): Record<string, unknown> {
  return {
    apiVersion: 1,
    apps: [{ type: APP_ID, org_id: 1, disabled: false, jsonData: {} }],
  };
}
