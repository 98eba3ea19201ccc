import pino from 'pino';
import { loadConfig } from '../src/config';
import { PgDb } from '../src/db/pg-db';
import { replayOrigin, DEFAULT_LOOKBACK_DAYS } from '../src/models/runner';
import { startExporter, type RunningExporter } from '../src/server';
import { ensureOrganization } from '../src/store/api-keys';
import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { HOUR, hourlyPoints, writeHistory } from './support/kpi-history';

/** Hourly CPC and CTR up to the current hour; CPC is 60 % higher over the last 20 hours (still going on). */
async function seedHistory(t: TestExporter): Promise<void> {
  const now = Date.now();
  const start = replayOrigin(now, DEFAULT_LOOKBACK_DAYS);
  const hours = Math.floor((now - start) / HOUR);
  const orgId = await ensureOrganization(t.testDb.db, 'org-a');
  const shift = { from: hours - 20, to: hours, factor: 1.6 };
  const dims = { platform: 'google', campaignId: 'product_launch' };
  await writeHistory(t.testDb.db, orgId, [
    ...hourlyPoints('marketing', 'cpc', dims, hours, 7, shift, start),
    ...hourlyPoints('marketing', 'ctr', { platform: 'google' }, hours, 11, undefined, start),
  ]);
}

eachBackend('KPI models API', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend);
    await seedHistory(t);
  }, 60_000);
  afterAll(async () => t?.stop());

  it('lists the built-in models with their KPIs and no run yet', async () => {
    const r = await call(t.url, 'GET', '/api/v1/models', { key: t.readOnlyKeyA });
    expect(r.status).toBe(200);
    expect(r.body.models.map((m: { name: string }) => m.name)).toEqual([
      'marketing',
      'onboarding',
      'revenue',
      'engagement',
    ]);
    expect(r.body.models[0].kpis.map((k: { metric: string }) => k.metric)).toContain('cpc');
    expect(r.body.models[0].lastRun).toBeNull();
  });

  it('analyses on demand: one active insight for the ongoing incident, in the right direction', async () => {
    const r = await call(t.url, 'POST', '/api/v1/models/marketing/analyze', { key: t.keyA });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ model: 'marketing', ran: true, seriesAnalysed: 2 });
    expect(r.body.opened).toBeGreaterThanOrEqual(1);
    const list = await call(t.url, 'GET', '/api/v1/insights?model=marketing&status=active', { key: t.keyA });
    expect(list.status).toBe(200);
    const cpc = list.body.insights.filter((i: { series: { metric: string } }) => i.series.metric === 'cpc');
    expect(cpc).toHaveLength(1);
    expect(cpc[0]).toMatchObject({
      type: 'anomaly',
      status: 'open',
      evidence: { direction: 'up' },
      series: { dimensions: { platform: 'google', campaignId: 'product_launch' } },
      resolvedAt: null,
    });
    expect(Date.parse(cpc[0].startedAt)).toBeGreaterThan(Date.now() - 22 * HOUR);
    // A second run updates nothing into a duplicate.
    const again = await call(t.url, 'POST', '/api/v1/models/marketing/analyze', { key: t.keyA });
    expect(again.body.opened).toBe(0);
    const after = await call(t.url, 'GET', '/api/v1/insights?model=marketing&status=active', { key: t.keyA });
    expect(after.body.total).toBe(list.body.total);
  });

  it('filters insights by severity, status, model and time, per organization', async () => {
    const all = await call(t.url, 'GET', '/api/v1/insights', { key: t.keyA });
    expect(all.body.total).toBeGreaterThanOrEqual(1);
    for (const sev of ['info', 'warning', 'critical']) {
      const r = await call(t.url, 'GET', `/api/v1/insights?severity=${sev}`, { key: t.keyA });
      expect(r.body.insights.every((i: { severity: string }) => i.severity === sev)).toBe(true);
    }
    expect((await call(t.url, 'GET', '/api/v1/insights?model=revenue', { key: t.keyA })).body.total).toBe(0);
    expect(
      (
        await call(
          t.url,
          'GET',
          '/api/v1/insights?status=resolved&from=2000-01-01T00:00:00Z&to=2000-02-01T00:00:00Z',
          { key: t.keyA },
        )
      ).body.total,
    ).toBe(0);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await call(t.url, 'GET', `/api/v1/insights?status=active&from=${future}`, { key: t.keyA })).body.total,
    ).toBe((await call(t.url, 'GET', '/api/v1/insights?status=active', { key: t.keyA })).body.total);
    expect((await call(t.url, 'GET', '/api/v1/insights', { key: t.keyB })).body.total).toBe(0);
    expect((await call(t.url, 'GET', '/api/v1/insights?status=closed', { key: t.keyA })).status).toBe(400);
  });

  it('answers 404 for an unknown model and 403 for a read-only key', async () => {
    expect((await call(t.url, 'POST', '/api/v1/models/nope/analyze', { key: t.keyA })).status).toBe(404);
    expect(
      (await call(t.url, 'POST', '/api/v1/models/marketing/analyze', { key: t.readOnlyKeyA })).status,
    ).toBe(403);
  });

  it('reports the run in GET /models and in /metrics', async () => {
    const m = await call(t.url, 'GET', '/api/v1/models', { key: t.keyA });
    expect(m.body.models[0].lastRun).toMatchObject({ status: 'ok', seriesAnalysed: 2, error: null });
    const metrics = await call(t.url, 'GET', '/metrics');
    expect(metrics.body).toMatch(/kpi_analysis_duration_seconds_count\{model="marketing"\} [1-9]/);
    expect(metrics.body).toMatch(
      /kpi_insights_active\{model="marketing",severity="(warning|critical)"\} [1-9]/,
    );
    expect(metrics.body).toMatch(/kpi_analysis_last_run_success\{model="marketing"\} 1/);
  });

  if (backend === 'postgres')
    it('two replicas on one database analysing at once never duplicate an insight', async () => {
      await t.testDb.db.query('DELETE FROM insights');
      const config = loadConfig({
        KPILENS_PORT: '0',
        KPILENS_HOST: '127.0.0.1',
        KPILENS_LOG_LEVEL: 'silent',
        KPILENS_KEY_CACHE_TTL_MS: '0',
        DATABASE_URL: t.testDb.url!,
      });
      const db = new PgDb({
        connectionString: t.testDb.url!,
        max: 4,
        connectionTimeoutMillis: 3000,
        statementTimeoutMillis: 60000,
      });
      let replica: RunningExporter | undefined;
      try {
        replica = await startExporter(config, { db, log: pino({ level: 'silent' }) });
        const urls = [t.url, replica.url, t.url, replica.url, t.url, replica.url];
        const answers = await Promise.all(
          urls.map((u) => call(u, 'POST', '/api/v1/models/marketing/analyze', { key: t.keyA })),
        );
        expect(answers.map((a) => a.status)).toEqual(urls.map(() => 200));
        const { rows } = await t.testDb.db.query<{ n: number; keys: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT (condition_key, started_at))::int AS keys FROM insights`,
        );
        expect(rows[0].n).toBeGreaterThanOrEqual(1);
        expect(rows[0].keys).toBe(rows[0].n);
        // Every insight was opened by exactly one run, on one replica or the other.
        expect(answers.reduce((sum, a) => sum + a.body.opened, 0)).toBe(rows[0].n);
      } finally {
        await replica?.stop();
        await db.close();
      }
    });
});
