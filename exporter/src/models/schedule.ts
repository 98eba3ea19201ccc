import type { AnalyzeResult } from '@kpilens/contract';
import { runAnalysis } from './service';

type Deps = Parameters<typeof runAnalysis>[0];

/**
 * One scheduled pass: every model of every organization with data for it, in the schedule slot of `nowMs`.
 * Each (organization, model, slot) runs once across replicas (analysis_runs is unique on it), so every
 * replica can call this on its own timer.
 */
export async function runScheduledAnalyses(
  deps: Deps,
  intervalMs: number,
  nowMs = Date.now(),
): Promise<AnalyzeResult[]> {
  const slot = Math.floor(nowMs / intervalMs);
  const { rows } = await deps.db.query<{ org_id: number; model: string }>(
    'SELECT DISTINCT org_id, model FROM series WHERE model = ANY($1::text[]) ORDER BY org_id, model',
    [deps.kpiModels.names()],
  );
  const out: AnalyzeResult[] = [];
  for (const r of rows) {
    const model = deps.kpiModels.get(r.model)!;
    // One model failing (recorded by runAnalysis) must not keep the others from running.
    try {
      out.push(await runAnalysis(deps, r.org_id, model, { nowMs, slot }));
    } catch (err) {
      deps.log.warn({ err, model: r.model, org: r.org_id }, 'scheduled analysis failed');
    }
  }
  return out;
}
