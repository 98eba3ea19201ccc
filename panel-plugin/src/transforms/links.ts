import { urlUtil } from '@grafana/data';
import type { InsightView } from './insights';

const APP_URL = '/a/kpilens-app';
const DAY_MS = 86_400_000;

/** Explore with the insight's series (a series query of the KPI Lens datasource) around the insight. */
export function insightExploreUrl(
  insight: InsightView,
  datasourceUid: string | undefined,
): string | undefined {
  if (!datasourceUid || !insight.model || !insight.metric) {
    return undefined;
  }
  const from = (insight.startedAt ?? Date.now()) - 7 * DAY_MS;
  const to = (insight.endedAt ?? insight.startedAt ?? Date.now()) + DAY_MS;
  const pane = {
    datasource: datasourceUid,
    queries: [
      {
        refId: 'A',
        datasource: { type: 'kpilens-exporter-datasource', uid: datasourceUid },
        queryType: 'series',
        model: insight.model,
        metric: insight.metric,
        selector: insight.dimensions,
      },
    ],
    range: { from: String(from), to: String(to) },
  };
  return urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify({ kpi: pane }) });
}

/** The account in the KPI Lens app's risk explorer. */
export function accountUrl(accountId: string): string {
  return urlUtil.renderUrl(`${APP_URL}/risk`, { account: accountId });
}
