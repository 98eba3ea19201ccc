// Uids and plugin ids the dashboards, alert rules and Grafana provisioning agree on.

export const PROMETHEUS_UID = 'kpilens-prometheus';
export const KPILENS_DS_UID = 'kpilens-exporter';
export const KPILENS_DS_TYPE = 'kpilens-exporter-datasource';
export const INSIGHTS_PANEL_TYPE = 'kpilens-insights-panel';
export const APP_ID = 'kpilens-app';
/** The only plugins Grafana may load unsigned (GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS). */
export const UNSIGNED_PLUGIN_IDS = [KPILENS_DS_TYPE, INSIGHTS_PANEL_TYPE, APP_ID] as const;

export const PROMETHEUS_REF = { type: 'prometheus', uid: PROMETHEUS_UID };
export const KPILENS_REF = { type: KPILENS_DS_TYPE, uid: KPILENS_DS_UID };

/** Dashboard uids: alert rules link to them, dashboards link to each other. */
export const DASHBOARD_UIDS = {
  executive: 'kpilens-executive',
  marketing: 'kpilens-marketing',
  onboarding: 'kpilens-onboarding',
  revenue: 'kpilens-revenue',
  paymentRisk: 'kpilens-payment-risk',
  exporterHealth: 'kpilens-exporter-health',
} as const;

export const ALERT_FOLDER = 'KPI Lens';
