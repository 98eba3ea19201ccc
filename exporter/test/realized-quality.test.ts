import { measureRealizedQuality } from '../src/accounts/realized';
import { riskSummary, writeRiskKpis } from '../src/accounts/risk-summary';
import { SeriesRegistry } from '../src/store/series';
import { reportQuality, reportRiskSummary } from '../src/accounts/schedule';
import { writeAccounts, writeInvoices, writePayments, writeScores } from '../src/accounts/store';
import { ExporterMetrics } from '../src/metrics/registry';
import { createApiKey } from '../src/store/api-keys';
import { eachBackend, openTestDb, type TestDb } from './support/backends';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const NOW = new Date(T0 + 40 * DAY);

/** One account per case: an invoice issued at T0, due T0+30d, paid on time or late. */
const CASES = [
  { id: 'a1', p: 0.9, paidDay: 29 },
  { id: 'a2', p: 0.8, paidDay: 35 },
  { id: 'a3', p: 0.3, paidDay: undefined },
  { id: 'a4', p: 0.6, paidDay: 30 },
];

eachBackend('realized model quality', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
    await createApiKey(t.db, 'org-a', 'k', ['ingest']);
    const orgId = (await t.db.query<{ id: number }>("SELECT id FROM organizations WHERE slug = 'org-a'"))
      .rows[0].id;
    const score = (id: string, version: string, day: number, p: number, invoiceId: string) => ({
      accountId: id,
      modelVersion: version,
      scoredAt: T0 + day * DAY,
      invoiceId,
      probability: p,
      level: 'GOOD',
      expectedPaymentDate: null,
      confidence: 1,
      factors: [],
    });
    await t.db.transaction(async (tx) => {
      await writeAccounts(
        tx,
        orgId,
        CASES.map((c) => ({ id: c.id, name: null, openedAt: T0 - 100 * DAY, creditLimit: null })),
      );
      await writeInvoices(tx, orgId, [
        ...CASES.map((c) => ({
          id: `${c.id}-i`,
          accountId: c.id,
          amount: 100,
          issuedAt: T0,
          dueAt: T0 + 30 * DAY,
          minimumDue: null,
        })),
        {
          id: 'a1-next',
          accountId: 'a1',
          amount: 100,
          issuedAt: T0 + 30 * DAY,
          dueAt: T0 + 60 * DAY,
          minimumDue: null,
        },
      ]);
      await writePayments(
        tx,
        orgId,
        CASES.filter((c) => c.paidDay !== undefined).map((c) => ({
          id: `${c.id}-p`,
          accountId: c.id,
          invoiceId: null,
          amount: 100,
          paidAt: T0 + c.paidDay! * DAY,
        })),
      );
      await writeScores(tx, orgId, [
        // An earlier forecast (superseded by the last one before the due date) and one made after it.
        ...CASES.map((c) => score(c.id, 'credit-default/v1', 1, 1 - c.p, `${c.id}-i`)),
        ...CASES.map((c) => score(c.id, 'credit-default/v1', 20, c.p, `${c.id}-i`)),
        ...CASES.map((c) => score(c.id, 'credit-default/v1', 31, 0.5, `${c.id}-i`)),
        // An invoice not due yet has no outcome.
        score('a1', 'credit-default/v1', 35, 0.01, 'a1-next'),
        score('a2', 'credit-default/v2', 20, 0.7, 'a2-i'),
        // The latest score of a4, made after its due date: it counts for the risk summary, not for quality.
        { ...score('a4', 'credit-default/v1', 36, 0.2, 'a4-i'), level: 'CRITICAL' },
      ]);
    });
  });
  afterAll(async () => t?.close());

  it('measures AUC, Brier and calibration of the last predictions made before each due date', async () => {
    const q = await measureRealizedQuality(t.db, NOW);
    const v1 = q.get('credit-default/v1')!;
    expect(v1.rows).toBe(4);
    expect(v1.auc).toBeCloseTo(0.75, 6);
    expect(v1.brier).toBeCloseTo((0.01 + 0.64 + 0.09 + 0.16) / 4, 6);
    expect(q.get('credit-default/v2')!.rows).toBe(1);
    // Before any invoice came due nothing is known.
    expect((await measureRealizedQuality(t.db, new Date(T0 + 29 * DAY))).size).toBe(0);
  });

  it('reports ml_model_accuracy as the realized AUC, and leaves it out with one outcome class', async () => {
    const metrics = new ExporterMetrics(t.db, { seriesBudget: 10, metricDimensions: [], version: 'test' });
    reportQuality(metrics, await measureRealizedQuality(t.db, NOW));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^ml_model_accuracy\{model_version="credit-default\/v1"\} 0\.75$/m);
    expect(text).not.toMatch(/^ml_model_accuracy\{model_version="credit-default\/v2"\}/m);
    // a2 paid late against a forecast of 0.7 on time: (0.7 - 0)^2.
    const brier = /^ml_model_brier_score\{model_version="credit-default\/v2"\} (\S+)$/m.exec(text);
    expect(Number(brier?.[1])).toBeCloseTo(0.49, 9);
    expect(text).toMatch(/^ml_model_realized_outcomes\{model_version="credit-default\/v1"\} 4$/m);
  });

  it('sums accounts and the amount of their predicted invoices per level of the latest score', async () => {
    const rows = await riskSummary(t.db);
    expect(rows).toEqual([
      { orgId: expect.any(Number), org: 'org-a', level: 'CRITICAL', accounts: 1, revenue: 100 },
      { orgId: expect.any(Number), org: 'org-a', level: 'GOOD', accounts: 3, revenue: 300 },
    ]);
    const metrics = new ExporterMetrics(t.db, { seriesBudget: 10, metricDimensions: [], version: 'test' });
    reportRiskSummary(metrics, rows);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^ml_accounts_by_risk_level\{org="org-a",risk_level="GOOD"\} 3$/m);
    expect(text).toMatch(/^ml_revenue_at_risk\{org="org-a",risk_level="CRITICAL"\} 100$/m);
  });

  it('stores accounts and revenue per level as KPI series of the hour, replaced by a re-run', async () => {
    const registry = new SeriesRegistry();
    const at = new Date(NOW.getTime() + 25 * 60_000);
    expect(await writeRiskKpis(t.db, registry, at)).toBe(1);
    expect(await writeRiskKpis(t.db, registry, at)).toBe(1);
    const { rows } = await t.db.query<{ metric: string; level: string; value: number; n: number }>(
      `SELECT s.metric, s.dimensions ->> 'risk_level' AS level, max(p.value) AS value, count(*)::int AS n
       FROM series s JOIN points p ON p.series_id = s.id
       WHERE s.model = 'payment_risk' AND p.ts = to_timestamp($1 / 1000.0)
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [Math.floor(at.getTime() / 3_600_000) * 3_600_000],
    );
    const get = (metric: string, level: string) => rows.find((r) => r.metric === metric && r.level === level);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(get('accounts', 'GOOD')!.value).toBe(3);
    expect(get('revenue_at_risk', 'CRITICAL')!.value).toBe(100);
    expect(get('accounts', 'EXCELLENT')!.value).toBe(0);
  });
});
