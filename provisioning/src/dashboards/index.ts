// The generated dashboards, as the JSON Grafana provisions (alerts link to their panels by id).

import { exporterHealthDashboard } from './exporter-health';
import { executiveDashboard } from './executive';
import { marketingDashboard, onboardingDashboard, revenueDashboard } from './ops';
import { paymentRiskDashboard } from './payment-risk';
import type { DashboardJson } from './json';

export type { DashboardJson } from './json';

export function dashboards(): DashboardJson[] {
  return [
    executiveDashboard(),
    marketingDashboard(),
    onboardingDashboard(),
    revenueDashboard(),
    paymentRiskDashboard(),
    exporterHealthDashboard(),
  ].map((d) => JSON.parse(JSON.stringify(d.build())) as DashboardJson);
}
