import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insight, KpiPoint, Learning, TargetRiskEvidence } from '@kpilens/contract';
import { loadModelCatalog } from '../src/models/catalog';
import { readOnlySeries } from '../src/models/fetch-series';
import type { FetchContext, Finding, KpiModel, ModelAnalysis, ModelData } from '../src/models/kpi-model';
import { analyzeModel } from '../src/models/runner';
import { generateRecommendations } from '../src/recommendations/generate';
import { ensureOrganization } from '../src/store/api-keys';
import { pendingRollups } from '../src/store/rollups';
import { eachBackend, openTestDb, type TestDb } from './support/backends';
import { call, startTestExporter } from './support/exporter-harness';
import { HISTORY_START, HOUR, hourlyPoints, writeHistory } from './support/kpi-history';

const at = (h: number) => HISTORY_START + h * HOUR;
const opts = { lookbackDays: 60 };
// The documented example model (docs/models/engagement.json), loaded from a directory as users do.
const modelsDir = mkdtempSync(join(tmpdir(), 'kpilens-models-'));
cpSync(join(__dirname, '../../docs/models/engagement.json'), join(modelsDir, 'engagement.json'));

/**
 * A model written as a class: raises a target_risk insight while the latest queue depth is above a limit.
 * Its findings go through the same runner (locks, dedupe, resolution) as the declarative models'.
 */
class QueueLimitModel implements KpiModel {
  readonly name = 'support';
  readonly description = 'Support queue against its limit';
  readonly origin = 'code' as const;
  readonly kpis = [{ metric: 'queue_depth', description: 'Open tickets', goodDirection: 'down' as const }];
  constructor(private readonly limit: number) {}

  fetchMetrics(ctx: FetchContext): Promise<ModelData> {
    return readOnlySeries(ctx, this.name, this.kpis);
  }

  analyseKpi(data: ModelData): ModelAnalysis {
    const current: Finding[] = [];
    for (const s of data.series) {
      const last = s.hours[s.hours.length - 1];
      if (!last || last[1] <= this.limit) continue;
      const evidence: TargetRiskEvidence = {
        kind: 'target_risk',
        target: this.limit,
        comparison: 'at_most',
        horizonDays: 7,
        missAt: new Date(last[0]).toISOString(),
        yhat: last[1],
        lower: last[1],
        upper: last[1],
      };
      current.push({
        type: 'target_risk',
        key: `target_risk:${s.id}`,
        seriesId: s.id,
        severity: 'warning',
        title: `queue_depth above ${this.limit}`,
        message: `${last[1]} open tickets`,
        evidence,
        // The same start every run (the window's): a condition back after resolution must still open.
        startMs: s.hours[0][0],
        lastMs: last[0],
        endMs: null,
      });
    }
    return { episodes: [], current, evaluated: ['target_risk'], forecasts: [], scores: [] };
  }

  shareLearnings() {
    return [];
  }
  learnFromOtherModels() {
    return [];
  }
  /** Custom logic may write its own drafts; this model hands its insights to the shared generator. */
  generateRecommendations(insights: readonly Insight[], learnings: readonly Learning[]) {
    return generateRecommendations({ model: this, insights: [...insights], learnings: [...learnings] });
  }
}

/** Daily and monthly active users: DAU halves for hours [900, 950), so stickiness drops with it. */
function engagementHistory(): KpiPoint[] {
  const dau = hourlyPoints('engagement', 'daily_active_users', { region: 'eu' }, 1200, 5, {
    from: 900,
    to: 950,
    factor: 0.5,
  });
  const mau = hourlyPoints('engagement', 'monthly_active_users', { region: 'eu' }, 1200, 9).map((p) => ({
    ...p,
    value: 400 + (p.value - 100) / 10,
  }));
  return [...dau, ...mau];
}

eachBackend('KPI model framework', (backend) => {
  let t: TestDb;
  let orgId: number;
  beforeAll(async () => {
    t = await openTestDb(backend);
    orgId = await ensureOrganization(t.db, 'org-a');
    await writeHistory(t.db, orgId, [
      ...engagementHistory(),
      ...Array.from({ length: 30 }, (_, i) => ({
        modelName: 'support',
        metricName: 'queue_depth',
        value: i < 20 ? 10 : 50,
        timestamp: new Date(at(i)).toISOString(),
      })),
    ]);
  }, 60_000);
  afterAll(async () => t?.close());

  it('analyses a model added as a file: its derived KPI is computed, stored and watched', async () => {
    const catalog = loadModelCatalog(modelsDir);
    const engagement = catalog.get('engagement')!;
    expect(engagement.origin).toBe('config');
    const r = await analyzeModel(t.db, orgId, engagement, { ...opts, nowMs: at(1200), catalog });
    expect(r).toMatchObject({ ran: true, seriesAnalysed: 3 });
    const { rows } = await t.db.query<{ id: number; n: number; v: number }>(
      `SELECT s.id, count(*)::int AS n, max(p.value) FILTER (WHERE p.ts = to_timestamp($2)) AS v
       FROM series s JOIN points p ON p.series_id = s.id
       WHERE s.org_id = $1 AND s.metric = 'stickiness' AND s.dimensions = '{"region":"eu"}' GROUP BY s.id`,
      [orgId, at(100) / 1000],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].n).toBe(1200);
    const dau = engagementHistory()[100].value;
    const mau = engagementHistory()[1300].value;
    expect(rows[0].v).toBeCloseTo((100 * dau) / mau, 9);
    // The DAU drop is found on the derived series too, as one insight downwards.
    const insights = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM insights WHERE org_id = $1 AND series_id = $2 AND type = 'anomaly'
         AND evidence ->> 'direction' = 'down' AND started_at >= to_timestamp($3) AND started_at < to_timestamp($4)`,
      [orgId, rows[0].id, at(900) / 1000, at(906) / 1000],
    );
    expect(insights.rows[0].n).toBe(1);
    // A re-run writes no derived point again: they are all stored with the same values (the run folds the
    // first run's writes into the rollups, and queues nothing new).
    await analyzeModel(t.db, orgId, engagement, { ...opts, nowMs: at(1200) + 60_000, catalog });
    expect(await pendingRollups(t.db, [rows[0].id])).toBe(0);
  });

  it('runs a model written as a class through the same runner: one insight per condition, resolved when it ends', async () => {
    const model = new QueueLimitModel(30);
    const key = async () =>
      (
        await t.db.query<{ id: number; status: string }>(
          `SELECT id, status FROM insights WHERE org_id = $1 AND model = 'support' ORDER BY id`,
          [orgId],
        )
      ).rows;
    expect(await analyzeModel(t.db, orgId, model, { nowMs: at(19) + 1 })).toMatchObject({
      ran: true,
      opened: 0,
    });
    const raised = await analyzeModel(t.db, orgId, model, { nowMs: at(21) });
    expect(raised).toMatchObject({ opened: 1 });
    // its recommendation comes from its own generateRecommendations, from the insight just opened
    expect(raised.recommendations.map((r) => [r.model, r.kind, r.target, r.insightIds.length])).toEqual([
      ['support', 'investigate_kpi', 'metric=queue_depth', 1],
    ]);
    expect(await analyzeModel(t.db, orgId, model, { nowMs: at(22) })).toMatchObject({
      opened: 0,
      updated: 1,
    });
    expect(await analyzeModel(t.db, orgId, model, { nowMs: at(22) })).toMatchObject({
      opened: 0,
      updated: 0,
    });
    const open = await key();
    expect(open.map((r) => r.status)).toEqual(['updated']);
    // The queue is back under the limit from hour 30 on: the same insight is resolved, none is added.
    await writeHistory(t.db, orgId, [
      {
        modelName: 'support',
        metricName: 'queue_depth',
        value: 5,
        timestamp: new Date(at(30)).toISOString(),
      },
    ]);
    expect(await analyzeModel(t.db, orgId, model, { nowMs: at(31) })).toMatchObject({ resolved: 1 });
    expect(await key()).toEqual([{ id: open[0].id, status: 'resolved' }]);
    // Over the limit again: a new insight (starting now), the resolved one stays resolved.
    await writeHistory(t.db, orgId, [
      {
        modelName: 'support',
        metricName: 'queue_depth',
        value: 60,
        timestamp: new Date(at(32)).toISOString(),
      },
    ]);
    expect(await analyzeModel(t.db, orgId, model, { nowMs: at(33) })).toMatchObject({ opened: 1 });
    expect((await key()).map((r) => r.status)).toEqual(['resolved', 'open']);
  });

  it('lists file and built-in models in GET /models with their origin', async () => {
    const ex = await startTestExporter(backend, { KPILENS_MODELS_DIR: modelsDir });
    try {
      const r = await call(ex.url, 'GET', '/api/v1/models', { key: ex.readOnlyKeyA });
      expect(r.status).toBe(200);
      expect(r.body.models.map((m: { name: string; origin: string }) => [m.name, m.origin])).toEqual([
        ['marketing', 'built_in'],
        ['onboarding', 'built_in'],
        ['revenue', 'built_in'],
        ['engagement', 'config'],
      ]);
      const stickiness = r.body.models[3].kpis.find((k: { metric: string }) => k.metric === 'stickiness');
      expect(stickiness).toMatchObject({
        derived: { numerator: 'daily_active_users' },
        target: { value: 20 },
      });
    } finally {
      await ex.stop();
    }
  });
});
