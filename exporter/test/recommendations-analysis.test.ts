import pino from 'pino';
import { PgDb } from '../src/db/pg-db';
import { ExporterMetrics } from '../src/metrics/registry';
import { loadModelCatalog } from '../src/models/catalog';
import { analyzeModel } from '../src/models/runner';
import { runAnalysis, storeRunRecommendations } from '../src/models/service';
import { ensureOrganization } from '../src/store/api-keys';
import { eachBackend, openTestDb, type TestDb } from './support/backends';
import { HISTORY_START, HOUR, hourlyPoints, writeHistory } from './support/kpi-history';

jest.setTimeout(120_000);

const catalog = loadModelCatalog();
const marketing = catalog.get('marketing')!;
// The CTR of one campaign falls by 40 % for 50 hours from hour 900 of 1200.
const at = (h: number) => HISTORY_START + h * HOUR;
const opts = { lookbackDays: 60, nowMs: at(910) };

interface Row {
  id: number;
  kind: string;
  target: string;
  status: string;
  insight_ids: number[];
}
const rows = async (db: TestDb['db'], orgId: number) =>
  (
    await db.query<Row>(
      'SELECT id, kind, target, status, insight_ids FROM recommendations WHERE org_id = $1 ORDER BY id',
      [orgId],
    )
  ).rows;

eachBackend('recommendations after analysis', (backend) => {
  let t: TestDb;
  let orgId: number;
  const deps = (db: TestDb['db']) => ({
    db,
    metrics: new ExporterMetrics(db, { seriesBudget: 10, metricDimensions: [], version: 'test' }),
    log: pino({ level: 'silent' }),
    kpiModels: catalog,
  });
  beforeAll(async () => {
    t = await openTestDb(backend);
    orgId = await ensureOrganization(t.db, 'org-a');
    await writeHistory(
      t.db,
      orgId,
      hourlyPoints('marketing', 'ctr', { platform: 'google', campaignId: 'product_launch' }, 1200, 7, {
        from: 900,
        to: 950,
        factor: 0.6,
      }),
    );
  }, 60_000);
  afterAll(async () => t?.close());

  it('raises a recommendation from the insights of each analysis run', async () => {
    const result = await runAnalysis(deps(t.db), orgId, marketing, opts);
    expect(result.ran).toBe(true);
    const { rows: insights } = await t.db.query<{ id: number }>(
      `SELECT id FROM insights WHERE org_id = $1 AND status <> 'resolved' AND evidence->>'direction' = 'down'`,
      [orgId],
    );
    expect(insights.length).toBeGreaterThan(0);
    const recs = await rows(t.db, orgId);
    expect(recs.map((r) => [r.kind, r.target, r.status])).toEqual([
      ['refresh_creative', 'campaignId=product_launch, platform=google', 'pending'],
    ]);
    expect(insights.map((i) => i.id)).toEqual(expect.arrayContaining(recs[0].insight_ids.map(Number)));
    // a later run updates the same recommendation
    await runAnalysis(deps(t.db), orgId, marketing, { ...opts, nowMs: at(912) });
    expect((await rows(t.db, orgId)).map((r) => r.id)).toEqual([recs[0].id]);
  });

  if (backend === 'postgres')
    it('never creates duplicate recommendations when replicas on one PostgreSQL run at once', async () => {
      const other = new PgDb({
        connectionString: t.url!,
        max: 4,
        connectionTimeoutMillis: 3000,
        statementTimeoutMillis: 60000,
      });
      try {
        await t.db.query('DELETE FROM recommendations WHERE org_id = $1', [orgId]);
        // the drafts of one run stored four times from two exporters' pools at once, on an empty table (as
        // replicas finishing runs together would): one row comes out
        const run = await analyzeModel(t.db, orgId, marketing, { ...opts, nowMs: at(912), catalog });
        expect(run.recommendations.map((r) => r.kind)).toEqual(['refresh_creative']);
        await Promise.all(
          [t.db, other, t.db, other].map((db) => storeRunRecommendations(db, orgId, run, { nowMs: at(912) })),
        );
        const once = await rows(t.db, orgId);
        expect(once.map((r) => r.kind)).toEqual(['refresh_creative']);
        // and full analyses on both replicas (on demand, so both may run) change nothing
        await Promise.all(
          [deps(t.db), deps(other)].map((d) => runAnalysis(d, orgId, marketing, { ...opts, nowMs: at(913) })),
        );
        expect((await rows(t.db, orgId)).map((r) => r.id)).toEqual(once.map((r) => r.id));
      } finally {
        await other.close();
      }
    });
});
