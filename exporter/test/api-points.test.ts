import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { eachBackend } from './support/backends';

const point = {
  modelName: 'marketing',
  metricName: 'ctr',
  value: 2.5,
  platform: 'instagram',
  campaignId: 'camp_123',
};

async function countPoints(t: TestExporter): Promise<number> {
  const { rows } = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM points');
  return rows[0].n;
}

eachBackend('points ingestion API', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend, { KPILENS_BODY_LIMIT_BYTES: String(256 * 1024) });
  });
  afterAll(async () => t?.stop());

  it('accepts the exact payload existing integrations send', async () => {
    const r = await call(t.url, 'POST', '/api/v1/points', { key: t.keyA, body: point });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: 1, inserted: 1, updated: 0, duplicates: 0 });
    const s = await call(t.url, 'GET', '/api/v1/series?model=marketing&dim.platform=instagram', {
      key: t.keyA,
    });
    expect(s.body.series).toHaveLength(1);
    expect(s.body.series[0]).toMatchObject({
      metric: 'ctr',
      dimensions: { platform: 'instagram', campaignId: 'camp_123' },
      lastValue: 2.5,
    });
  });

  it('is idempotent: re-sending a point never double counts, a new value replaces', async () => {
    const p = { ...point, metricName: 'cpc', value: 1.2, timestamp: '2026-01-05T10:00:00Z' };
    expect((await call(t.url, 'POST', '/api/v1/points', { key: t.keyA, body: p })).body.inserted).toBe(1);
    expect((await call(t.url, 'POST', '/api/v1/points', { key: t.keyA, body: p })).body).toEqual({
      accepted: 1,
      inserted: 0,
      updated: 0,
      duplicates: 1,
    });
    expect(
      (await call(t.url, 'POST', '/api/v1/points', { key: t.keyA, body: { ...p, value: 1.4 } })).body.updated,
    ).toBe(1);
    const q = await call(
      t.url,
      'GET',
      '/api/v1/query?model=marketing&metric=cpc&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z&aggregation=count&intervalMs=86400000',
      { key: t.keyA },
    );
    expect(q.body.series[0].points).toEqual([[Date.parse('2026-01-05T00:00:00Z'), 1]]);
  });

  it('stores a batch as a whole', async () => {
    const points = Array.from({ length: 500 }, (_, i) => ({
      modelName: 'onboarding',
      metricName: 'signups',
      value: i,
      source: i % 2 ? 'ads' : 'organic',
      timestamp: Date.parse('2026-02-01T00:00:00Z') + i * 60000,
    }));
    const r = await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: { points } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 500, inserted: 500 });
  });

  it('rejects a batch with any bad item, lists every bad item, and stores none of it', async () => {
    const before = await countPoints(t);
    const r = await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyA,
      body: {
        points: [
          { modelName: 'marketing', metricName: 'ctr', value: 1 },
          { modelName: 'marketing', metricName: 'ctr', value: 'high' },
          { modelName: 'Marketing!', metricName: 'ctr', value: 1 },
          { modelName: 'marketing', value: 1 },
          { modelName: 'marketing', metricName: 'ctr', value: 1, timestamp: '1970-01-01T00:00:00Z' },
          { modelName: 'marketing', metricName: 'ctr', value: 1, nested: { a: 1 } },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/nothing was stored/);
    const paths = r.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/points/1/value',
        '/points/2/modelName',
        '/points/3/metricName',
        '/points/5/nested',
      ]),
    );
    expect(
      r.body.details.every((d: { index?: number; message: string }) => d.index !== undefined && d.message),
    ).toBe(true);
    expect(await countPoints(t)).toBe(before);
    // the timestamp problem is found by the second check once the schema passes
    const r2 = await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyA,
      body: {
        points: [
          point,
          { ...point, timestamp: '1970-01-01T00:00:00Z' },
          { ...point, timestamp: Date.now() + 10 * 86400000 },
        ],
      },
    });
    expect(r2.status).toBe(400);
    expect(r2.body.details.map((d: { path: string }) => d.path)).toEqual([
      '/points/1/timestamp',
      '/points/2/timestamp',
    ]);
    expect(await countPoints(t)).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"modelName": "marketing",', 400, /JSON/i],
    ['NaN literal', '{"modelName":"m","metricName":"x","value":NaN}', 400, /JSON/i],
    ['Infinity by overflow', '{"modelName":"m","metricName":"x","value":1e999}', 400, /value/],
    ['a string for a number', '{"modelName":"m","metricName":"x","value":"3"}', 400, /value/],
    ['an array body', '[1,2]', 400, /object/],
    ['an empty batch', '{"points":[]}', 400, /points/],
    [
      'an unknown field in a batch',
      '{"points":[{"modelName":"m","metricName":"x","value":1}],"extra":true}',
      400,
      /extra/,
    ],
    [
      'an unparseable timestamp',
      '{"modelName":"m","metricName":"x","value":1,"timestamp":"yesterday"}',
      400,
      /timestamp/,
    ],
  ])('answers 4xx naming the problem for %s', async (_name, raw, status, pattern) => {
    const before = await countPoints(t);
    const path = raw.includes('"points"') ? '/api/v1/points/batch' : '/api/v1/points';
    const r = await call(t.url, 'POST', path, { key: t.keyA, body: raw });
    expect(r.status).toBe(status);
    expect(JSON.stringify(r.body)).toMatch(pattern);
    expect(r.body.requestId).toEqual(expect.any(String));
    expect(await countPoints(t)).toBe(before);
  });

  it('answers 413 to a body over the limit and stores nothing', async () => {
    const before = await countPoints(t);
    const points = Array.from({ length: 5000 }, (_, i) => ({
      modelName: 'm',
      metricName: 'x',
      value: i,
      timestamp: 1700000000000 + i,
    }));
    const r = await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: { points } });
    expect(r.status).toBe(413);
    expect(r.body.message).toMatch(/KPILENS_BODY_LIMIT_BYTES/);
    expect(await countPoints(t)).toBe(before);
  });

  it('answers 415 to a non-JSON content type', async () => {
    const r = await call(t.url, 'POST', '/api/v1/points', {
      key: t.keyA,
      body: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(415);
  });

  it('counts accepted and rejected points (schema or value checks) in kpi_ingestion_total', async () => {
    const metric = async (status: string) => {
      const text = (await call(t.url, 'GET', '/metrics')).body as string;
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`kpi_ingestion_total{model="metering",status="${status}"}`));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const p = { modelName: 'metering', metricName: 'x', value: 1 };
    await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyA,
      body: { points: [p, { ...p, timestamp: 1 + Date.now() }] },
    });
    await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyA,
      body: { points: [p, { ...p, value: 'x' }] },
    });
    await call(t.url, 'POST', '/api/v1/points', {
      key: t.keyA,
      body: { ...p, timestamp: '1970-01-01T00:00:00Z' },
    });
    expect(await metric('accepted')).toBe(2);
    expect(await metric('rejected')).toBe(3);
  });

  it('requires a key with the ingest scope', async () => {
    expect((await call(t.url, 'POST', '/api/v1/points', { body: point })).status).toBe(401);
    expect((await call(t.url, 'POST', '/api/v1/points', { key: 'kl_nope', body: point })).status).toBe(401);
    const r = await call(t.url, 'POST', '/api/v1/points', { key: t.readOnlyKeyA, body: point });
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/ingest/);
  });
});
