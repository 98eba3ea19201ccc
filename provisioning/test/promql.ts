// The PromQL of the dashboards, with Grafana's variables replaced as Grafana would for one selection, so
// promtool and a real Prometheus can run it.

import type { DashboardJson } from '../src/generate';

export interface PanelExpr {
  dashboard: string;
  panel: string;
  expr: string;
}

/** The selection each dashboard's expressions are evaluated with ("All" is `.*`, as allValue says). */
export const VARIABLES: Record<string, Record<string, string>> = {
  'kpilens-marketing': { metric: 'ctr' },
  'kpilens-onboarding': { metric: 'signup_completion_rate' },
  'kpilens-revenue': { metric: 'payment_failure_rate' },
};

export function substitute(dashboard: string, expr: string): string {
  return expr.replace(/\$([a-z_]+)/g, (_m, name: string) => VARIABLES[dashboard]?.[name] ?? '.+');
}

/** Every Prometheus target of every panel, variables substituted. */
export function panelExprs(boards: DashboardJson[]): PanelExpr[] {
  const out: PanelExpr[] = [];
  for (const d of boards)
    for (const p of d.panels)
      for (const t of (p.targets as Array<{ expr?: string; datasource?: { type: string } }> | undefined) ??
        [])
        if (t.datasource?.type === 'prometheus' && t.expr)
          out.push({ dashboard: d.uid, panel: p.title, expr: substitute(d.uid, t.expr) });
  return out;
}
