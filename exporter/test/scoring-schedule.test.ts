/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { runRollups } from '../src/store/rollups';
import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

eachBackend('scheduled scoring in the exporter', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend, { KPILENS_SCORING_INTERVAL_MS: '500' });
  });
  afterAll(async () => t?.stop());

  it('scores stored accounts on its own and reports accounts and revenue per level', async () => {
    const now = Date.now();
    await call(t.url, 'POST', '/api/v1/accounts/batch', {
      key: t.keyA,
      body: { accounts: [{ id: 'acc', openedAt: iso(now - 200 * DAY) }] },
    });
    await call(t.url, 'POST', '/api/v1/invoices/batch', {
      key: t.keyA,
      body: {
        invoices: [
          { id: 'next', accountId: 'acc', amount: 250, issuedAt: iso(now - DAY), dueAt: iso(now + 29 * DAY) },
        ],
      },
    });
    // A pass may run between the two posts (the account without its invoice): wait for one after both.
    const revenue = /^ml_revenue_at_risk\{org="org-a",risk_level="UNKNOWN"\} 250$/m;
    let text = '';
    for (let i = 0; i < 100 && !revenue.test(text); i++) {
      await new Promise((r) => setTimeout(r, 200));
      text = (await call(t.url, 'GET', '/metrics')).body as string;
    }
    // One invoice, none due yet: too short a history, so UNKNOWN.
    expect(text).toMatch(/^ml_accounts_by_risk_level\{org="org-a",risk_level="UNKNOWN"\} 1$/m);
    expect(text).toMatch(revenue);
    expect(text).toMatch(
      /^ml_predictions_total\{risk_level="UNKNOWN",model_version="credit-default\/v1"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^ml_feature_drift_psi\{feature="invoices_due_90d",model_version="credit-default\/v1"\} \d/m,
    );
    // The risk KPIs of the hour, as KPI series of the organization (latest values are set by the rollup pass).
    while ((await runRollups(t.testDb.db)) > 0);
    const { rows } = await t.testDb.db.query<{ value: number }>(
      `SELECT s.last_value AS value FROM series s JOIN organizations o ON o.id = s.org_id
       WHERE o.slug = 'org-a' AND s.model = 'payment_risk' AND s.metric = 'accounts'
         AND s.dimensions = '{"risk_level":"UNKNOWN"}'::jsonb`,
    );
    expect(rows).toEqual([{ value: 1 }]);
    const score = await call(t.url, 'GET', '/api/v1/accounts/acc/score', { key: t.keyA });
    expect(score.body.level).toBe('UNKNOWN');
  });
});
