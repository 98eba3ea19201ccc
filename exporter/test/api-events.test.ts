import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { eachBackend } from './support/backends';

// Each suite starts a real exporter over a fresh database (PGlite takes seconds to open on a busy machine).
jest.setTimeout(60_000);

const H = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(H + minutes * 60000).toISOString();

async function count(t: TestExporter, sql: string): Promise<number> {
  const { rows } = await t.testDb.db.query<{ n: number }>(sql);
  return rows[0].n;
}

/** The latest stored value of a derived series at the test hour, by model, metric and exact dimensions. */
async function valueAt(
  t: TestExporter,
  model: string,
  metric: string,
  dims: Record<string, string>,
  org = 'org-a',
): Promise<number | undefined> {
  const { rows } = await t.testDb.db.query<{ value: number }>(
    `SELECT p.value FROM points p JOIN series s ON s.id = p.series_id JOIN organizations o ON o.id = s.org_id
     WHERE s.model = $1 AND s.metric = $2 AND s.dimensions = $3::jsonb AND p.ts = to_timestamp($4)
       AND o.slug = $5`,
    [model, metric, JSON.stringify(dims), H / 1000, org],
  );
  return rows[0]?.value;
}

function content(id: string, minutes: number, fields: Record<string, unknown> = {}) {
  return {
    type: 'content_performance',
    id,
    timestamp: at(minutes),
    platform: 'instagram',
    campaignId: 'camp_1',
    impressions: 1000,
    clicks: 30,
    conversions: 3,
    cost: 15,
    ...fields,
  };
}

eachBackend('business events API', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend);
  });
  afterAll(async () => t?.stop());

  it('stores one event and derives the marketing KPIs of its hour', async () => {
    const r = await call(t.url, 'POST', '/api/v1/events', { key: t.keyA, body: content('c1', 5) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: 1, inserted: 1, updated: 0, duplicates: 0 });
    const dims = { platform: 'instagram', campaignId: 'camp_1' };
    expect(await valueAt(t, 'marketing', 'ctr', dims)).toBeCloseTo(3);
    expect(await valueAt(t, 'marketing', 'cpc', dims)).toBeCloseTo(0.5);
    expect(await valueAt(t, 'marketing', 'cpl', dims)).toBeCloseTo(5);
    expect(await valueAt(t, 'marketing', 'conversion_rate', dims)).toBeCloseTo(10);
  });

  it('recomputes ratios from the bucket sums, per campaign and per platform, and never double counts', async () => {
    const batch = [
      content('c2', 10, { campaignId: 'camp_2', impressions: 3000, clicks: 30, conversions: 0, cost: 60 }),
      content('c3', 20, { impressions: 1000, clicks: 10, conversions: 1, cost: 5 }),
    ];
    const r = await call(t.url, 'POST', '/api/v1/events/batch', { key: t.keyA, body: { events: batch } });
    expect(r.body).toEqual({ accepted: 2, inserted: 2, updated: 0, duplicates: 0 });
    // camp_1 now has c1 + c3: 40 clicks over 2000 impressions
    expect(await valueAt(t, 'marketing', 'ctr', { platform: 'instagram', campaignId: 'camp_1' })).toBeCloseTo(
      2,
    );
    // the platform: 70 clicks over 5000 impressions, cost 80 over 70 clicks
    expect(await valueAt(t, 'marketing', 'clicks', { platform: 'instagram' })).toBe(70);
    expect(await valueAt(t, 'marketing', 'ctr', { platform: 'instagram' })).toBeCloseTo(1.4);
    expect(await valueAt(t, 'marketing', 'cpc', { platform: 'instagram' })).toBeCloseTo(80 / 70);
    // no conversions in camp_2: no cost per lead rather than Infinity
    expect(
      await valueAt(t, 'marketing', 'cpl', { platform: 'instagram', campaignId: 'camp_2' }),
    ).toBeUndefined();

    const again = await call(t.url, 'POST', '/api/v1/events/batch', {
      key: t.keyA,
      body: { events: [...batch, content('c1', 5)] },
    });
    expect(again.body).toEqual({ accepted: 3, inserted: 0, updated: 0, duplicates: 3 });
    expect(await valueAt(t, 'marketing', 'clicks', { platform: 'instagram' })).toBe(70);
    expect(await count(t, `SELECT count(*)::int AS n FROM events WHERE type = 'content_performance'`)).toBe(
      3,
    );
  });

  it('derives signup completion by source, counting a completion in its start hour whatever the order', async () => {
    const events = [
      { type: 'signup_started', id: 's1', userId: 'u1', source: 'ads', timestamp: at(0) },
      { type: 'signup_started', id: 's2', userId: 'u2', source: 'ads', timestamp: at(30) },
      { type: 'signup_started', id: 's3', userId: 'u3', source: 'organic', timestamp: at(40) },
      { type: 'signup_completed', id: 'c1', userId: 'u1', timestamp: at(2) },
    ];
    await call(t.url, 'POST', '/api/v1/events/batch', { key: t.keyA, body: { events } });
    expect(await valueAt(t, 'onboarding', 'signup_completion_rate', { source: 'ads' })).toBeCloseTo(50);
    expect(await valueAt(t, 'onboarding', 'time_to_complete_seconds', { source: 'ads' })).toBeCloseTo(120);
    // u2 completes the next hour: it counts for the 10:00 start bucket
    const late = { type: 'signup_completed', id: 'c2', userId: 'u2', timestamp: at(30 + 60) };
    expect((await call(t.url, 'POST', '/api/v1/events', { key: t.keyA, body: late })).status).toBe(200);
    expect(await valueAt(t, 'onboarding', 'signup_completion_rate', { source: 'ads' })).toBeCloseTo(100);
    expect(await valueAt(t, 'onboarding', 'time_to_complete_seconds', { source: 'ads' })).toBeCloseTo(
      (120 + 3600) / 2,
    );
    expect(await valueAt(t, 'onboarding', 'signups_started', {})).toBe(3);
    expect(await valueAt(t, 'onboarding', 'signup_completion_rate', {})).toBeCloseTo(200 / 3);
    // a completion arriving before its start is counted once the start arrives
    const early = { type: 'signup_completed', id: 'c4', userId: 'u4', timestamp: at(55) };
    await call(t.url, 'POST', '/api/v1/events', { key: t.keyA, body: early });
    const start = { type: 'signup_started', id: 's4', userId: 'u4', source: 'organic', timestamp: at(50) };
    await call(t.url, 'POST', '/api/v1/events', { key: t.keyA, body: start });
    expect(await valueAt(t, 'onboarding', 'signups_completed', { source: 'organic' })).toBe(1);
    expect(await valueAt(t, 'onboarding', 'signups_started', { source: 'organic' })).toBe(2);
  });

  it('derives payment success rate and revenue by method, plan and currency', async () => {
    const pay = (
      id: string,
      amount: number,
      status: string,
      method: string,
      plan: string,
      currency = 'EUR',
    ) => ({
      type: 'payment',
      id,
      timestamp: at(15),
      amount,
      currency,
      status,
      method,
      plan,
    });
    const events = [
      pay('p1', 100, 'succeeded', 'card', 'pro'),
      pay('p2', 50, 'succeeded', 'card', 'basic'),
      pay('p3', 100, 'failed', 'card', 'pro'),
      pay('p4', 30, 'succeeded', 'paypal', 'basic', 'USD'),
      pay('p5', 50, 'refunded', 'card', 'basic'),
    ];
    const r = await call(t.url, 'POST', '/api/v1/events/batch', { key: t.keyA, body: { events } });
    expect(r.status).toBe(200);
    expect(await valueAt(t, 'revenue', 'payments', {})).toBe(5);
    expect(await valueAt(t, 'revenue', 'payment_success_rate', {})).toBeCloseTo(75);
    expect(await valueAt(t, 'revenue', 'payment_success_rate', { method: 'card' })).toBeCloseTo(200 / 3);
    expect(await valueAt(t, 'revenue', 'payment_failure_rate', { plan: 'pro' })).toBeCloseTo(50);
    expect(await valueAt(t, 'revenue', 'revenue', { currency: 'EUR' })).toBe(150);
    expect(await valueAt(t, 'revenue', 'revenue', { method: 'card', currency: 'EUR' })).toBe(150);
    expect(await valueAt(t, 'revenue', 'revenue', { plan: 'basic', currency: 'USD' })).toBe(30);
    expect(await valueAt(t, 'revenue', 'refunds', { currency: 'EUR' })).toBe(50);
    // money is never summed across currencies
    expect(await valueAt(t, 'revenue', 'revenue', {})).toBeUndefined();
  });

  it('counts every event of concurrent requests into the same hour (no lost update)', async () => {
    const sends = Array.from({ length: 12 }, (_, i) =>
      call(t.url, 'POST', '/api/v1/events', {
        key: t.keyA,
        body: content(`par${i}`, 30, { platform: 'tiktok', campaignId: `c${i % 3}`, clicks: 1 }),
      }),
    );
    expect((await Promise.all(sends)).map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(await valueAt(t, 'marketing', 'clicks', { platform: 'tiktok' })).toBe(12);
    expect(await valueAt(t, 'marketing', 'impressions', { platform: 'tiktok', campaignId: 'c1' })).toBe(4000);
  });

  it('exposes derived KPIs through the read API like any other series', async () => {
    const q = await call(
      t.url,
      'GET',
      `/api/v1/query?model=marketing&metric=ctr&dim.campaignId=camp_1&from=${at(0)}&to=${at(60)}&aggregation=last&intervalMs=3600000`,
      { key: t.keyA },
    );
    expect(q.status).toBe(200);
    expect(q.body.series[0].points[0][1]).toBeCloseTo(2);
    const other = await call(t.url, 'GET', '/api/v1/series?model=marketing', { key: t.keyB });
    expect(other.body.series).toEqual([]);
  });

  it('rejects a batch with any bad event, lists every problem, and stores nothing', async () => {
    const before = await count(t, 'SELECT count(*)::int AS n FROM events');
    const pointsBefore = await count(t, 'SELECT count(*)::int AS n FROM points');
    const r = await call(t.url, 'POST', '/api/v1/events/batch', {
      key: t.keyA,
      body: {
        events: [
          content('ok1', 1),
          content('bad1', 1, { clicks: -1 }),
          {
            type: 'payment',
            id: 'bad2',
            amount: 10,
            currency: 'eur',
            status: 'paid',
            method: 'card',
            plan: 'p',
          },
          { type: 'refund_requested', id: 'bad3' },
          { type: 'signup_started', id: 'bad4', userId: 'u', source: 's', color: 'red' },
          { type: 'signup_started', userId: 'u', source: 's' },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/nothing was stored/);
    const details = r.body.details as Array<{ index: number; path: string; message: string }>;
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/events/1/clicks',
        '/events/2/currency',
        '/events/2/status',
        '/events/3/type',
        '/events/4/color',
        '/events/5/id',
      ]),
    );
    expect(details.find((d) => d.path === '/events/3/type')!.message).toMatch(/type/);
    expect(details.find((d) => d.path === '/events/4/color')!.message).toMatch(/not a known field/);
    expect(details.every((d) => typeof d.index === 'number' && d.message)).toBe(true);
    expect(paths.some((p) => p.startsWith('/events/0'))).toBe(false);
    // timestamps are checked after the schema, with the same rules as points
    const r2 = await call(t.url, 'POST', '/api/v1/events/batch', {
      key: t.keyA,
      body: { events: [content('ok2', 1), content('old', 1, { timestamp: '1970-01-01T00:00:00Z' })] },
    });
    expect(r2.status).toBe(400);
    expect(r2.body.details).toEqual([
      { index: 1, path: '/events/1/timestamp', message: expect.stringMatching(/between/) },
    ]);
    expect(await count(t, 'SELECT count(*)::int AS n FROM events')).toBe(before);
    expect(await count(t, 'SELECT count(*)::int AS n FROM points')).toBe(pointsBefore);
  });

  it('keeps organizations apart and requires the ingest scope', async () => {
    const r = await call(t.url, 'POST', '/api/v1/events', { key: t.keyB, body: content('c1', 5) });
    expect(r.body.inserted).toBe(1);
    expect(await valueAt(t, 'marketing', 'clicks', { platform: 'instagram' })).toBe(70);
    expect(await valueAt(t, 'marketing', 'clicks', { platform: 'instagram' }, 'org-b')).toBe(30);
    const ro = await call(t.url, 'POST', '/api/v1/events', { key: t.readOnlyKeyA, body: content('x', 1) });
    expect(ro.status).toBe(403);
  });
});
