import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARD_UIDS, KPILENS_REF, PROMETHEUS_REF } from '../datasources';
import { kpiLens } from './queries';

/** `$org`: the organizations seen in kpi_value, all by default. */
export function orgVariable(): dashboard.QueryVariableBuilder {
  return labelVariable('org', 'Organization', 'label_values(kpi_value, org)');
}

/**
 * A multi-value label variable. "All" stands for every value (no allValue): Prometheus gets a regex of them,
 * the KPI Lens datasource one request per value (it matches dimensions exactly).
 */
export function labelVariable(name: string, label: string, query: string): dashboard.QueryVariableBuilder {
  return new dashboard.QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS_REF)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .current({ text: 'All', value: '$__all' });
}

/** Insights of a model as annotations on every time series panel. */
export function insightAnnotations(model?: string): dashboard.AnnotationQueryBuilder {
  return new dashboard.AnnotationQueryBuilder()
    .name('KPI Lens insights')
    .datasource(KPILENS_REF)
    .enable(true)
    .iconColor('orange')
    .target(kpiLens({ refId: 'Anno', queryType: 'insights', ...(model ? { model } : {}) }));
}

/** Links from every dashboard to the others (tag kpilens). */
export function kpiLensLinks(): dashboard.DashboardLinkBuilder {
  return new dashboard.DashboardLinkBuilder('KPI Lens')
    .type(dashboard.DashboardLinkType.Dashboards)
    .tags(['kpilens'])
    .asDropdown(true)
    .includeVars(false)
    .keepTime(true);
}

export function baseDashboard(uid: keyof typeof DASHBOARD_UIDS, title: string, description: string) {
  return new dashboard.DashboardBuilder(title)
    .uid(DASHBOARD_UIDS[uid])
    .description(description)
    .tags(['kpilens'])
    .timezone('browser')
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .link(kpiLensLinks());
}
