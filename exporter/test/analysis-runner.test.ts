import { loadModelCatalog } from '../src/models/catalog';
import pino from 'pino';
import { ExporterMetrics } from '../src/metrics/registry';
import { analyzeModel } from '../src/models/runner';
import { runScheduledAnalyses } from '../src/models/schedule';
import { ensureOrganization } from '../src/store/api-keys';
import { PgDb } from '../src/db/pg-db';
import { eachBackend, openTestDb, type TestDb } from './support/backends';
import { HISTORY_START, HOUR, hourlyPoints, writeHistory } from './support/kpi-history';

const catalog = loadModelCatalog();
const marketing = catalog.get('marketing')!;
// CPC of one campaign rises by 60 % for 50 hours from hour 900 of 1200; CTR stays calm.
const SHIFT = { from: 900, to: 950, factor: 1.6 };
const at = (h: number) => HISTORY_START + h * HOUR;
const opts = { lookbackDays: 60 };

interface Row {
  id: number;
  status: string;
  severity: string;
  condition_key: string;
  started_ms: number;
  evidence: { direction: string };
}

async function insights(db: TestDb['db'], orgId: number): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `SELECT id, status, severity, condition_key, date_part('epoch', started_at) * 1000 AS started_ms, evidence
     FROM insights WHERE org_id = $1 ORDER BY id`,
    [orgId],
  );
  return rows.map((r) => ({ ...r, started_ms: Number(r.started_ms) }));
}

eachBackend('analysis runner', (backend) => {
  let t: TestDb;
  let orgId: number;
  let cpcId: number;
  beforeAll(async () => {
    t = await openTestDb(backend);
    orgId = await ensureOrganization(t.db, 'org-a');
    await writeHistory(t.db, orgId, [
      ...hourlyPoints(
        'marketing',
        'cpc',
        { platform: 'google', campaignId: 'product_launch' },
        1200,
        7,
        SHIFT,
      ),
      ...hourlyPoints('marketing', 'ctr', { platform: 'google' }, 1200, 11),
    ]);
    const { rows } = await t.db.query<{ id: number }>(`SELECT id FROM series WHERE metric = 'cpc'`);
    cpcId = rows[0].id;
  }, 60_000);
  afterAll(async () => t?.close());

  it('opens one insight for an ongoing incident, of the right direction, and updates it while it lasts', async () => {
    const first = await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(910) });
    expect(first).toMatchObject({ ran: true, seriesAnalysed: 2 });
    const open = (await insights(t.db, orgId)).filter((r) => r.condition_key.startsWith(`anomaly:${cpcId}:`));
    expect(open.filter((r) => r.status === 'open')).toHaveLength(1);
    const incident = open.find((r) => r.status === 'open')!;
    expect(incident.evidence.direction).toBe('up');
    expect(incident.started_ms).toBeGreaterThanOrEqual(at(900));
    expect(incident.started_ms).toBeLessThan(at(906));
    // CPC up is bad for marketing: at least a warning.
    expect(['warning', 'critical']).toContain(incident.severity);
    // generateRecommendations (the recommendations module) turns it into an action on that campaign.
    expect(first.recommendations.filter((r) => r.insightIds.includes(incident.id))).toEqual([
      expect.objectContaining({
        model: 'marketing',
        kind: 'investigate_kpi',
        target: 'campaignId=product_launch, metric=cpc, platform=google',
      }),
    ]);

    const again = await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(911) });
    expect(again.opened).toBe(0);
    const after = await insights(t.db, orgId);
    expect(after.find((r) => r.id === incident.id)!.status).toMatch(/^(open|updated)$/);
    expect(
      after.filter((r) => r.condition_key === incident.condition_key && r.status !== 'resolved'),
    ).toHaveLength(1);
  });

  it('resolves the same insight when the incident is over, and a re-run changes nothing', async () => {
    const before = await insights(t.db, orgId);
    const incident = before.find(
      (r) => r.condition_key.startsWith(`anomaly:${cpcId}:up`) && r.status !== 'resolved',
    )!;
    await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(1200) });
    const rows = await insights(t.db, orgId);
    expect(rows.find((r) => r.id === incident.id)!.status).toBe('resolved');
    // No second insight for the incident's hours.
    expect(
      rows.filter(
        (r) =>
          r.condition_key.startsWith(`anomaly:${cpcId}:`) &&
          r.started_ms >= at(900) &&
          r.started_ms < at(950),
      ),
    ).toHaveLength(1);
    // The calm series: at most one false insight per week of analysed history (about 7 weeks).
    const ctr = rows.filter((r) => !r.condition_key.startsWith(`anomaly:${cpcId}:`));
    expect(ctr.length).toBeLessThanOrEqual(7);
    const rerun = await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(1200) });
    expect(rerun).toMatchObject({ ran: true, opened: 0, updated: 0, resolved: 0 });
    expect(await insights(t.db, orgId)).toEqual(rows);
  });

  it('runs a scheduled slot once, whoever asks', async () => {
    const a = await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(1200), slot: 42 });
    const b = await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(1200), slot: 42 });
    expect([a.ran, b.ran]).toEqual([true, false]);
  });

  it('runs each model with data once per schedule slot, on whichever replica comes first', async () => {
    const deps = () => ({
      db: t.db,
      metrics: new ExporterMetrics(t.db, { seriesBudget: 10, metricDimensions: [], version: 'test' }),
      log: pino({ level: 'silent' }),
      kpiModels: catalog,
    });
    const hourMs = 3_600_000;
    const first = await runScheduledAnalyses(deps(), hourMs, at(1200) + 60_000);
    expect(first.map((r) => [r.model, r.ran])).toEqual([['marketing', true]]);
    const second = await runScheduledAnalyses(deps(), hourMs, at(1200) + 120_000);
    expect(second.map((r) => [r.model, r.ran])).toEqual([['marketing', false]]);
    const next = await runScheduledAnalyses(deps(), hourMs, at(1201) + 60_000);
    expect(next.map((r) => r.ran)).toEqual([true]);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM analysis_runs WHERE org_id = $1 AND slot IN ($2, $3)`,
      [orgId, Math.floor(at(1200) / hourMs), Math.floor(at(1201) / hourMs)],
    );
    expect(rows[0].n).toBe(2);
  });

  if (backend === 'postgres')
    it('skips a model another replica is analysing, and never duplicates insights under concurrent runs', async () => {
      const other = new PgDb({
        connectionString: t.url!,
        max: 2,
        connectionTimeoutMillis: 3000,
        statementTimeoutMillis: 60000,
      });
      try {
        const before = await insights(t.db, orgId);
        // Another replica in the middle of this model's analysis holds its lock.
        const busy = await other.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(7351003, hashtext($1))', [`${orgId}/marketing`]);
          return analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(1200) });
        });
        expect(busy.ran).toBe(false);
        const results = await Promise.all(
          [t.db, other, t.db, other].map((db) =>
            analyzeModel(db, orgId, marketing, { ...opts, nowMs: at(1200) }),
          ),
        );
        expect(results.some((r) => r.ran)).toBe(true);
        expect(await insights(t.db, orgId)).toEqual(before);
      } finally {
        await other.close();
      }
    });
});
