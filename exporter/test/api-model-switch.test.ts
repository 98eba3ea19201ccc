/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { rmSync } from 'node:fs';
import pino from 'pino';
import { startExporter, type RunningExporter } from '../src/server';
import { createApiKey } from '../src/store/api-keys';
import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { modelsRootFixture } from './support/models-root';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

eachBackend('payment-risk model switch', (backend) => {
  let t: TestExporter;
  let replica: RunningExporter;
  let root: string;
  let admin: string;
  const previousRoot = process.env.KPILENS_MODELS_DIR;
  beforeAll(async () => {
    root = modelsRootFixture();
    process.env.KPILENS_MODELS_DIR = root;
    t = await startTestExporter(backend);
    // A second exporter over the same database stands for another replica.
    replica = await startExporter(t.config, { db: t.testDb.db, log: pino({ level: 'silent' }) });
    admin = (await createApiKey(t.testDb.db, 'org-a', 'adm', ['admin'])).key;
    const now = Date.now();
    await call(t.url, 'POST', '/api/v1/accounts/batch', {
      key: t.keyA,
      body: { accounts: [{ id: 'acc', openedAt: iso(now - 200 * DAY) }] },
    });
    await call(t.url, 'POST', '/api/v1/invoices/batch', {
      key: t.keyA,
      body: {
        invoices: [0, 1, 2].map((m) => ({
          id: `i${m}`,
          accountId: 'acc',
          amount: 100,
          issuedAt: iso(now - (3 - m) * 30 * DAY),
          dueAt: iso(now - (3 - m) * 30 * DAY + 20 * DAY),
        })),
      },
    });
  });
  afterAll(async () => {
    await replica?.stop();
    await t?.stop();
    if (previousRoot === undefined) delete process.env.KPILENS_MODELS_DIR;
    else process.env.KPILENS_MODELS_DIR = previousRoot;
    rmSync(root, { recursive: true, force: true });
  });

  const score = async (url: string) =>
    (await call(url, 'GET', '/api/v1/accounts/acc/score?recalculate=true', { key: t.keyA })).body;

  it('lists the versions on disk and the one served', async () => {
    const r = await call(t.url, 'GET', '/api/v1/ml/models', { key: t.keyA });
    expect(r.body).toEqual({
      name: 'credit-default',
      active: 'v1',
      available: ['corrupt', 'mismatch', 'v1', 'v2'],
    });
    expect((await score(t.url)).modelVersion).toBe('credit-default/v1');
  });

  it('refuses a corrupt or mismatched model with 422 and keeps serving the old one', async () => {
    const before = await score(t.url);
    for (const version of ['corrupt', 'mismatch']) {
      const r = await call(t.url, 'PUT', '/api/v1/ml/models/active', { key: admin, body: { version } });
      expect(r.status).toBe(422);
      expect(r.body.details[0].path).toBe('/version');
      expect(r.body.message).toMatch(/refused/);
    }
    const after = await score(t.url);
    expect(after.modelVersion).toBe('credit-default/v1');
    expect(after.probability).toBeCloseTo(before.probability, 6);
    const { rows } = await t.testDb.db.query('SELECT * FROM ml_active_models');
    expect(rows).toEqual([]);
  });

  it('needs the admin scope to switch', async () => {
    const r = await call(t.url, 'PUT', '/api/v1/ml/models/active', { key: t.keyA, body: { version: 'v2' } });
    expect(r.status).toBe(403);
  });

  it('switches without a restart, and the other replica follows', async () => {
    expect((await score(replica.url)).modelVersion).toBe('credit-default/v1');
    const r = await call(t.url, 'PUT', '/api/v1/ml/models/active', { key: admin, body: { version: 'v2' } });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe('v2');
    expect((await score(t.url)).modelVersion).toBe('credit-default/v2');
    expect((await score(replica.url)).modelVersion).toBe('credit-default/v2');
    const { rows } = await t.testDb.db.query<{ model_version: string; n: number }>(
      'SELECT model_version, count(*)::int AS n FROM account_scores GROUP BY 1 ORDER BY 1',
    );
    expect(rows.map((x) => x.model_version)).toEqual(['credit-default/v1', 'credit-default/v2']);
  });
});
