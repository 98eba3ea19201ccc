import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import type { Config } from '../config';
import type { ExporterMetrics } from '../metrics/registry';
import { rewriteInsightMessages } from '../narratives/insight-rewrites';
import { narrativeWriter } from '../narratives/llm';
import type { AuditOptions } from '../recommendations/audit';
import { storeRecommendations, type StoreOutcome } from '../recommendations/store';
import type { ModelCatalog } from './catalog';
import type { KpiModel } from './kpi-model';
import { analyzeModel, recordFailedRun, type AnalysisOptions, type RunResult } from './runner';

/**
 * The recommendations a run's model generated (`KpiModel.generateRecommendations`) through the quality gate
 * into the store: each is audited (score, findings), ranked by its evidence and its kind's feedback, and
 * the model's open ones not raised again are re-audited.
 */
export function storeRunRecommendations(
  db: Db,
  orgId: number,
  run: Pick<RunResult, 'model' | 'recommendations'>,
  opts: { nowMs?: number; audit?: Partial<AuditOptions> } = {},
): Promise<StoreOutcome> {
  return storeRecommendations(db, orgId, run.model, run.recommendations, opts);
}

/** One analysis with its bookkeeping: metrics, recommendations, and a failed run recorded so GET /models shows it. */
export async function runAnalysis(
  deps: {
    db: Db;
    metrics: ExporterMetrics;
    log: FastifyBaseLogger;
    kpiModels: ModelCatalog;
    /** With an OpenAI-compatible endpoint configured, insight messages are rewritten after each run. */
    config?: Pick<Config, 'llmUrl' | 'llmModel' | 'llmApiKey' | 'llmTimeoutMs'>;
  },
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
    // The insights are committed: a failure to store recommendations is logged, never fails the analysis.
    await storeRunRecommendations(deps.db, orgId, result, { nowMs: opts.nowMs }).catch((err) =>
      deps.log.warn({ err, model: model.name, org: orgId }, 'could not store recommendations'),
    );
    if (deps.config)
      await rewriteInsightMessages(deps.db, narrativeWriter(deps.config), orgId, model.name).catch((err) =>
        deps.log.warn({ err, model: model.name, org: orgId }, 'could not rewrite insight messages'),
      );
  }
  return result;
}
