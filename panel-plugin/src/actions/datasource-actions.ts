import type { KpiLensActions } from '@kpilens/contract';
import { config, getDataSourceSrv } from '@grafana/runtime';
import type { RecommendationAction } from './optimistic';

const METHODS: Array<keyof KpiLensActions> = [
  'acceptRecommendation',
  'dismissRecommendation',
  'snoozeRecommendation',
  'recalculateScore',
];

export function isKpiLensActions(ds: unknown): ds is KpiLensActions {
  return (
    typeof ds === 'object' &&
    ds !== null &&
    METHODS.every((m) => typeof (ds as Record<string, unknown>)[m] === 'function')
  );
}

/** The KPI Lens datasource instance the panel's query ran against, with its action methods. */
export async function actionsOf(datasourceUid: string | undefined): Promise<KpiLensActions> {
  if (!datasourceUid) {
    throw new Error('the panel has no KPI Lens data source query');
  }
  const ds = await getDataSourceSrv().get({ uid: datasourceUid });
  if (!isKpiLensActions(ds)) {
    throw new Error(`data source ${ds.name} is not a KPI Lens data source`);
  }
  return ds;
}

export interface ActionOutcome {
  failed: number[];
  /** First error message, for the user. */
  error: string | null;
}

/** Runs one action on each id (in parallel); reports which ids failed. */
export async function runAction(
  actions: KpiLensActions,
  ids: number[],
  action: RecommendationAction,
): Promise<ActionOutcome> {
  const call = (id: number) => {
    switch (action.kind) {
      case 'accept':
        return actions.acceptRecommendation(id);
      case 'dismiss':
        return actions.dismissRecommendation(id, action.reason);
      case 'snooze':
        return actions.snoozeRecommendation(id, new Date(action.untilMs).toISOString());
    }
  };
  const results = await Promise.allSettled(ids.map(call));
  const failed = ids.filter((_, i) => results[i].status === 'rejected');
  const firstError = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  return { failed, error: firstError ? errorText(firstError.reason) : null };
}

export function errorText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { data?: { message?: string }; message?: string; statusText?: string; status?: number };
    return e.data?.message ?? e.message ?? e.statusText ?? (e.status ? `HTTP ${e.status}` : String(err));
  }
  return String(err);
}

/** Viewers see the inbox; editors and admins act on it (Grafana's org role of the signed-in user). */
export function userCanAct(role: string | undefined = config.bootData?.user?.orgRole): boolean {
  return role === 'Editor' || role === 'Admin';
}
