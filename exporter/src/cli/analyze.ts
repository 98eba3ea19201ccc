import type { Command } from 'commander';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import { loadModelCatalog } from '../models/catalog';
import { listInsights } from '../models/insights-store';
import { analyzeModel, recordFailedRun } from '../models/runner';
import { storeRunRecommendations } from '../models/service';
import { rewriteInsightMessages } from '../narratives/insight-rewrites';
import { narrativeWriter } from '../narratives/llm';
import { ensureOrganization } from '../store/api-keys';
import { configFrom, withConfigFlags } from './common';

export function registerAnalyzeCommand(program: Command): void {
  withConfigFlags(
    program
      .command('analyze')
      .description('analyse a KPI model of an organization now and list its active insights')
      .argument(
        '<model>',
        'a built-in model (marketing, onboarding, revenue, engagement) or one of KPILENS_MODELS_DIR',
      )
      .requiredOption('--org <slug>', 'organization slug, e.g. acme')
      .option('--as-of <time>', 'analyse the data up to this ISO 8601 time instead of now (backfills)'),
  ).action(async (name: string, opts) => {
    const config = configFrom(opts);
    const catalog = loadModelCatalog(config.modelsDir);
    const model = catalog.get(name);
    if (!model) throw new Error(`no KPI model "${name}"; models: ${catalog.names().join(', ')}`);
    const nowMs = opts.asOf === undefined ? Date.now() : Date.parse(opts.asOf);
    if (Number.isNaN(nowMs)) throw new Error(`--as-of: expected an ISO 8601 time, got "${opts.asOf}"`);
    const db = await openDb(config);
    try {
      await migrate(db);
      const orgId = await ensureOrganization(db, opts.org);
      const r = await analyzeModel(db, orgId, model, { nowMs, catalog }).catch(async (err) => {
        await recordFailedRun(db, orgId, model.name, err);
        throw err;
      });
      if (!r.ran) {
        process.stdout.write(`${model.name} for ${opts.org}: another replica is analysing it right now\n`);
        return;
      }
      const recs = await storeRunRecommendations(db, orgId, r, { nowMs });
      // as after a scheduled run: with KPILENS_LLM_URL and KPILENS_LLM_MODEL, insight messages are rewritten
      await rewriteInsightMessages(db, narrativeWriter(config), orgId, model.name);
      process.stdout.write(
        `${model.name} for ${opts.org}: ${r.seriesAnalysed} series analysed, ${r.opened} insight(s) opened, ` +
          `${r.updated} updated, ${r.resolved} resolved, ${r.forecasts} series forecast, ${r.learnings} ` +
          `learning(s) shared, ${recs.created} recommendation(s) raised, ${recs.updated} updated in ` +
          `${Math.round(r.durationMs)} ms\n`,
      );
      const active = await listInsights(db, orgId, { model: model.name, status: 'active' }, 100, 0);
      for (const i of active.insights) process.stdout.write(`[${i.severity}] ${i.title}: ${i.message}\n`);
    } finally {
      await db.close();
    }
  });
}
