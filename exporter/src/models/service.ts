import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import type { ExporterMetrics } from '../metrics/registry';
import { recommendAfterAnalysis } from '../recommendations/refresh';
import type { ModelCatalog } from './catalog';
import type { KpiModel } from './kpi-model';
import { analyzeModel, recordFailedRun, type AnalysisOptions, type RunResult } from './runner';

/** One analysis with its bookkeeping: metrics, and a failed run recorded so GET /models shows it. */
export async function runAnalysis(
  deps: { db: Db; metrics: ExporterMetrics; log: FastifyBaseLogger; kpiModels: ModelCatalog },
  orgId: number,
  model: KpiModel,
  opts: AnalysisOptions = {},
): Promise<RunResult> {
  const labels = { model: model.name };
  let result: RunResult;
  try {
    result = await analyzeModel(deps.db, orgId, model, { catalog: deps.kpiModels, ...opts });
  } catch (err) {
    deps.metrics.analysisLastRun.set(labels, Date.now() / 1000);
    deps.metrics.analysisLastSuccess.set(labels, 0);
    await recordFailedRun(deps.db, orgId, model.name, err).catch((e) =>
      deps.log.warn({ err: e }, 'could not record the failed analysis run'),
    );
    throw err;
  }
  if (result.ran) {
    deps.metrics.analysisDuration.observe(labels, result.durationMs / 1000);
    deps.metrics.analysisLastRun.set(labels, Date.now() / 1000);
    deps.metrics.analysisLastSuccess.set(labels, 1);
    for (const [severity, n] of Object.entries(result.openedBySeverity))
      deps.metrics.alertsTriggered.inc({ model: model.name, severity }, n);
    await deps.metrics.refreshInsights();
    await recommendAfterAnalysis(deps, orgId, model, opts.nowMs);
  }
  return result;
}
