/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { writeScores } from '../src/accounts/store';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { eachBackend } from './support/backends';

// Each suite starts a real exporter over a fresh database and loads the shipped ONNX model.
jest.setTimeout(90_000);

const DAY = 86_400_000;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Six monthly invoices of 1000, due 30 days after issue, each paid `delay` days after its due date
 * (undefined: never paid), and an upcoming invoice not yet due.
 */
function history(account: string, delays: (number | undefined)[]) {
  const invoices = [];
  const payments = [];
  for (let k = 0; k < delays.length; k++) {
    const issued = NOW - (delays.length - k) * 30 * DAY - 25 * DAY;
    const due = issued + 30 * DAY;
    invoices.push({
      id: `${account}-i${k}`,
      accountId: account,
      amount: 1000,
      issuedAt: iso(issued),
      dueAt: iso(due),
    });
    const delay = delays[k];
    if (delay !== undefined && due + delay * DAY < NOW)
      payments.push({
        id: `${account}-p${k}`,
        accountId: account,
        invoiceId: `${account}-i${k}`,
        amount: 1000,
        paidAt: iso(due + delay * DAY),
      });
  }
  invoices.push({
    id: `${account}-next`,
    accountId: account,
    amount: 1000,
    issuedAt: iso(NOW - 5 * DAY),
    dueAt: iso(NOW + 25 * DAY),
  });
  return { invoices, payments };
}

function account(id: string) {
  return { id, name: `Customer ${id}`, openedAt: iso(NOW - 400 * DAY), creditLimit: 5000 };
}

eachBackend('payment-risk accounts API', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend);
    const good = history('good', [-3, -2, -5, -1, -4, -2]);
    const late = history('late', [35, 50, 40, 60, undefined, undefined]);
    const young = {
      invoices: [
        {
          id: 'young-i0',
          accountId: 'young',
          amount: 500,
          issuedAt: iso(NOW - 10 * DAY),
          dueAt: iso(NOW + 20 * DAY),
        },
      ],
      payments: [],
    };
    const accounts = await call(t.url, 'POST', '/api/v1/accounts/batch', {
      key: t.keyA,
      body: { accounts: [account('good'), account('late'), account('young')] },
    });
    expect(accounts.body).toEqual({ accepted: 3, inserted: 3, updated: 0, duplicates: 0 });
    const invoices = [...good.invoices, ...late.invoices, ...young.invoices];
    const r1 = await call(t.url, 'POST', '/api/v1/invoices/batch', { key: t.keyA, body: { invoices } });
    expect(r1.body).toEqual({
      accepted: invoices.length,
      inserted: invoices.length,
      updated: 0,
      duplicates: 0,
    });
    const payments = [...good.payments, ...late.payments];
    const r2 = await call(t.url, 'POST', '/api/v1/payments/batch', { key: t.keyA, body: { payments } });
    expect(r2.body).toEqual({
      accepted: payments.length,
      inserted: payments.length,
      updated: 0,
      duplicates: 0,
    });
  });
  afterAll(async () => t?.stop());

  it('counts a re-sent account as duplicate and a changed one as updated', async () => {
    const r = await call(t.url, 'POST', '/api/v1/accounts/batch', {
      key: t.keyA,
      body: { accounts: [account('good'), { ...account('late'), creditLimit: 6000 }] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: 2, inserted: 0, updated: 1, duplicates: 1 });
  });

  it('scores a perfect payer better than a chronic late payer, with 3 factors, and stores the scores', async () => {
    const good = await call(t.url, 'GET', '/api/v1/accounts/good/score', { key: t.keyA });
    const late = await call(t.url, 'GET', '/api/v1/accounts/late/score', { key: t.keyA });
    expect(good.status).toBe(200);
    expect(late.status).toBe(200);
    expect(good.body.probability).toBeGreaterThan(late.body.probability);
    const order = ['EXCELLENT', 'GOOD', 'MEDIUM', 'RISKY', 'CRITICAL'];
    expect(order.indexOf(good.body.level)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(late.body.level)).toBeGreaterThan(order.indexOf(good.body.level));
    expect(good.body.modelVersion).toBe('credit-default/v1');
    expect(good.body.factors).toHaveLength(3);
    expect(late.body.factors[0].message).toMatch(/chance of paying on time/);
    // Expected payment no earlier than the upcoming invoice's due date; later for the late payer.
    expect(Date.parse(good.body.expectedPaymentDate)).toBeGreaterThanOrEqual(NOW + 25 * DAY - 1000);
    expect(Date.parse(late.body.expectedPaymentDate)).toBeGreaterThan(
      Date.parse(good.body.expectedPaymentDate),
    );
    // Each score names the invoice it predicts, for the realized quality once that invoice is due.
    const { rows } = await t.testDb.db.query<{ account_id: string; level: string; invoice_id: string }>(
      'SELECT account_id, level, invoice_id FROM account_scores ORDER BY account_id',
    );
    expect(rows).toEqual([
      { account_id: 'good', level: good.body.level, invoice_id: 'good-next' },
      { account_id: 'late', level: late.body.level, invoice_id: 'late-next' },
    ]);
  });

  it('counts predictions by level and model version in /metrics, never per account', async () => {
    const good = await call(t.url, 'GET', '/api/v1/accounts/good/score?recalculate=true', { key: t.keyA });
    const text = (await call(t.url, 'GET', '/metrics')).body as string;
    const line = new RegExp(
      `^ml_predictions_total\\{risk_level="${good.body.level}",model_version="credit-default/v1"\\} (\\d+)$`,
      'm',
    );
    expect(Number(line.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /^ml_prediction_duration_seconds_count\{model_version="credit-default\/v1"\} [1-9]/m,
    );
    expect(text).not.toMatch(/account_id|"good"/);
  });

  it('answers UNKNOWN, confidence 0 and no payment date when the history is too short', async () => {
    const r = await call(t.url, 'GET', '/api/v1/accounts/young/score', { key: t.keyA });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ level: 'UNKNOWN', badge: '⚪', confidence: 0, expectedPaymentDate: null });
  });

  it('returns the stored score unless asked to recalculate, which stores a new one', async () => {
    const first = await call(t.url, 'GET', '/api/v1/accounts/late/score', { key: t.keyA });
    const again = await call(t.url, 'GET', '/api/v1/accounts/late/score', { key: t.keyA });
    expect(again.body).toEqual(first.body);
    const fresh = await call(t.url, 'GET', '/api/v1/accounts/late/score?recalculate=true', { key: t.keyA });
    expect(fresh.status).toBe(200);
    expect(Date.parse(fresh.body.scoredAt)).toBeGreaterThan(Date.parse(first.body.scoredAt));
    expect(fresh.body.probability).toBeCloseTo(first.body.probability, 5);
    const { rows } = await t.testDb.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM account_scores WHERE account_id = 'late'",
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('keeps organizations apart', async () => {
    const score = await call(t.url, 'GET', '/api/v1/accounts/good/score', { key: t.keyB });
    expect(score.status).toBe(404);
    const list = await call(t.url, 'GET', '/api/v1/accounts', { key: t.keyB });
    expect(list.body).toEqual({ accounts: [] });
    const inv = await call(t.url, 'POST', '/api/v1/invoices/batch', {
      key: t.keyB,
      body: {
        invoices: [{ id: 'x', accountId: 'good', amount: 1, issuedAt: iso(NOW), dueAt: iso(NOW + DAY) }],
      },
    });
    expect(inv.status).toBe(400);
    expect(inv.body.details).toEqual([
      { index: 0, path: '/invoices/0/accountId', message: 'no account "good"' },
    ]);
  });

  it('refuses bad input with index and path, storing nothing of the batch', async () => {
    const r = await call(t.url, 'POST', '/api/v1/payments/batch', {
      key: t.keyA,
      body: {
        payments: [
          { id: 'ok-1', accountId: 'good', amount: 10, paidAt: iso(NOW) },
          { id: 'bad-1', accountId: 'good', amount: -5, paidAt: 'yesterday' },
          { id: 'bad-2', accountId: 'good', paidAt: iso(NOW) },
        ],
      },
    });
    expect(r.status).toBe(400);
    const paths = r.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/payments/1/amount', '/payments/1/paidAt', '/payments/2/amount']),
    );
    expect(r.body.details.find((d: { path: string }) => d.path === '/payments/2/amount').index).toBe(2);
    const unknown = await call(t.url, 'POST', '/api/v1/payments/batch', {
      key: t.keyA,
      body: {
        payments: [
          { id: 'ok-2', accountId: 'good', amount: 10, paidAt: iso(NOW) },
          { id: 'u', accountId: 'nobody', amount: 10, paidAt: iso(NOW) },
        ],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      { index: 1, path: '/payments/1/accountId', message: 'no account "nobody"' },
    ]);
    const { rows } = await t.testDb.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM payments WHERE id IN ('ok-1', 'ok-2')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('lists accounts a page at a time', async () => {
    const p1 = await call(t.url, 'GET', '/api/v1/accounts?limit=2', { key: t.readOnlyKeyA });
    expect(p1.status).toBe(200);
    expect(p1.body.accounts.map((a: { id: string }) => a.id)).toEqual(['good', 'late']);
    expect(p1.body.accounts[1]).toMatchObject({ name: 'Customer late', creditLimit: 6000 });
    const p2 = await call(t.url, 'GET', `/api/v1/accounts?limit=2&after=${p1.body.next}`, {
      key: t.readOnlyKeyA,
    });
    expect(p2.body).toEqual({ accounts: [expect.objectContaining({ id: 'young' })] });
  });
  it("lists an account's invoices with what was paid and whether on time", async () => {
    const good = await call(t.url, 'GET', '/api/v1/accounts/good/invoices', { key: t.readOnlyKeyA });
    expect(good.status).toBe(200);
    expect(good.body.total).toBe(7);
    expect(good.body.invoices.map((i: { id: string }) => i.id)).toEqual([
      'good-next',
      'good-i5',
      'good-i4',
      'good-i3',
      'good-i2',
      'good-i1',
      'good-i0',
    ]);
    expect(good.body.invoices[0]).toMatchObject({ status: 'open', paid: 0, settledAt: null, amount: 1000 });
    expect(good.body.invoices.slice(1).every((i: { status: string }) => i.status === 'paid')).toBe(true);
    const late = await call(t.url, 'GET', '/api/v1/accounts/late/invoices?limit=3', { key: t.keyA });
    expect(late.body.total).toBe(7);
    expect(late.body.invoices.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      ['late-next', 'open'],
      ['late-i5', 'overdue'],
      ['late-i4', 'overdue'],
    ]);
    const all = await call(t.url, 'GET', '/api/v1/accounts/late/invoices', { key: t.keyA });
    const i3 = all.body.invoices.find((i: { id: string }) => i.id === 'late-i3');
    expect(i3).toMatchObject({ status: 'paid_late', paid: 1000 });
    expect(Date.parse(i3.settledAt)).toBeGreaterThan(Date.parse(i3.dueAt));
    expect((await call(t.url, 'GET', '/api/v1/accounts/nobody/invoices', { key: t.keyA })).status).toBe(404);
    expect((await call(t.url, 'GET', '/api/v1/accounts/good/invoices', { key: t.keyB })).status).toBe(404);
  });

  it("reports the served model with its realized AUC over the organization's due invoices", async () => {
    const org = await t.testDb.db.query<{ id: number }>("SELECT id FROM organizations WHERE slug = 'org-a'");
    const invoices = await call(t.url, 'GET', '/api/v1/accounts/good/invoices', { key: t.keyA });
    const lateInvoices = await call(t.url, 'GET', '/api/v1/accounts/late/invoices', { key: t.keyA });
    // Forecasts made 10 days before each due date: the good payer likely on time, the late one not.
    const past = [
      ...invoices.body.invoices.map((i: { id: string; dueAt: string }) => ({ ...i, a: 'good', p: 0.9 })),
      ...lateInvoices.body.invoices.map((i: { id: string; dueAt: string }) => ({ ...i, a: 'late', p: 0.2 })),
    ].filter((i) => Date.parse(i.dueAt) < NOW);
    await writeScores(
      t.testDb.db,
      org.rows[0].id,
      past.map((i) => ({
        accountId: i.a,
        modelVersion: 'credit-default/v1',
        scoredAt: Date.parse(i.dueAt) - 10 * DAY,
        invoiceId: i.id,
        probability: i.p,
        level: i.p > 0.5 ? 'GOOD' : 'RISKY',
        expectedPaymentDate: null,
        confidence: 0.8,
        factors: [],
      })),
    );
    const r = await call(t.url, 'GET', '/api/v1/ml/models/status', { key: t.readOnlyKeyA });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: 'credit-default',
      active: 'v1',
      activeModelVersion: 'credit-default/v1',
      realized: { windowDays: 90 },
    });
    // Invoices due in the last 90 days: i3, i4, i5 of each account; all of good's on time, none of late's.
    expect(r.body.realized.versions).toEqual([
      {
        version: 'credit-default/v1',
        outcomes: 6,
        auc: 1,
        brier: expect.any(Number),
        calibrationError: expect.any(Number),
      },
    ]);
    expect(r.body.realized.versions[0].brier).toBeCloseTo((3 * 0.1 ** 2 + 3 * 0.2 ** 2) / 6, 10);
    const other = await call(t.url, 'GET', '/api/v1/ml/models/status', { key: t.keyB });
    expect(other.body.realized.versions).toEqual([]);
  });

  it("keeps an account's score history, oldest first, within from/to and limit", async () => {
    const all = await call(t.url, 'GET', '/api/v1/accounts/late/scores', { key: t.readOnlyKeyA });
    expect(all.status).toBe(200);
    const times = all.body.scores.map((s: { scoredAt: string }) => Date.parse(s.scoredAt));
    // six forecasts written above (one per past invoice) plus at least two scored through the API
    expect(times.length).toBeGreaterThanOrEqual(8);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(all.body.scores[0]).toEqual({
      modelVersion: 'credit-default/v1',
      scoredAt: expect.any(String),
      probability: 0.2,
      level: 'RISKY',
      badge: expect.any(String),
      color: expect.any(String),
      confidence: 0.8,
      expectedPaymentDate: null,
    });
    const latest = await call(t.url, 'GET', '/api/v1/accounts/late/score', { key: t.keyA });
    const two = await call(t.url, 'GET', '/api/v1/accounts/late/scores?limit=2', { key: t.keyA });
    expect(two.body.scores).toHaveLength(2);
    expect(two.body.scores[1].scoredAt).toBe(latest.body.scoredAt);
    const recent = await call(
      t.url,
      'GET',
      `/api/v1/accounts/late/scores?from=${new Date(NOW - DAY).toISOString()}`,
      { key: t.keyA },
    );
    expect(recent.body.scores.length).toBe(times.length - 6);
    const bad = await call(
      t.url,
      'GET',
      `/api/v1/accounts/late/scores?from=${iso(NOW)}&to=${iso(NOW - DAY)}`,
      { key: t.keyA },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: '/query/from', message: 'must not be after to' }]);
    expect((await call(t.url, 'GET', '/api/v1/accounts/good/scores', { key: t.keyB })).status).toBe(404);
  });
});
