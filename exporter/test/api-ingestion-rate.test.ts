import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { eachBackend } from './support/backends';

jest.setTimeout(90_000);

eachBackend('ingestion rate API', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend);
  });
  afterAll(async () => t?.stop());

  it('reports no points before any write', async () => {
    const r = await call(t.url, 'GET', '/api/v1/ingestion', { key: t.readOnlyKeyA });
    expect(r.status).toBe(200);
    expect(r.body.windows).toEqual([
      { seconds: 60, points: 0, perSecond: 0 },
      { seconds: 300, points: 0, perSecond: 0 },
      { seconds: 3600, points: 0, perSecond: 0 },
    ]);
    expect(r.body.lastWriteAt).toBeNull();
    expect(Date.parse(r.body.runningSince)).toBeLessThanOrEqual(Date.parse(r.body.asOf));
  });

  it("counts the organization's stored points in every window, not another organization's", async () => {
    const start = Date.now();
    const points = Array.from({ length: 120 }, (_, i) => ({
      modelName: 'marketing',
      metricName: 'ctr',
      value: i,
      timestamp: new Date(start - i * 60_000).toISOString(),
    }));
    const w = await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: { points } });
    expect(w.body).toMatchObject({ accepted: 120 });
    // A refused batch stores nothing and counts nothing.
    const bad = await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyA,
      body: { points: [{ modelName: 'marketing', metricName: 'ctr', value: 'x' }] },
    });
    expect(bad.status).toBe(400);
    const r = await call(t.url, 'GET', '/api/v1/ingestion', { key: t.readOnlyKeyA });
    expect(r.body.windows.map((x: { points: number }) => x.points)).toEqual([120, 120, 120]);
    // The exporter just started: the rate is per second it ran, at least 120 / 60 s.
    expect(r.body.windows[0].perSecond).toBeGreaterThanOrEqual(2);
    expect(Date.parse(r.body.lastWriteAt)).toBeGreaterThanOrEqual(start);
    const other = await call(t.url, 'GET', '/api/v1/ingestion', { key: t.keyB });
    expect(other.body.windows.map((x: { points: number }) => x.points)).toEqual([0, 0, 0]);
    expect(other.body.lastWriteAt).toBeNull();
  });

  it('needs a key', async () => {
    expect((await call(t.url, 'GET', '/api/v1/ingestion')).status).toBe(401);
  });
});
