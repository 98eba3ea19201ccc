import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

jest.setTimeout(60000);

const T0 = Date.parse('2026-04-01T00:00:00Z');
const RANGE = `from=${T0 - 3600000}&to=${T0 + 3600000}`;

function point(value: number, extra: Record<string, string> = {}, at = T0) {
  return { modelName: 'marketing', metricName: 'ctr', platform: 'instagram', value, timestamp: at, ...extra };
}

eachBackend('organization isolation', (backend) => {
  let t: TestExporter;
  const get = (key: string, path: string) => call(t.url, 'GET', path, { key });
  const post = (key: string, points: object[]) =>
    call(t.url, 'POST', '/api/v1/points/batch', { key, body: { points } });

  beforeAll(async () => {
    t = await startTestExporter(backend);
    expect(
      (
        await post(t.keyA, [
          point(1),
          point(3, {}, T0 + 60000),
          point(10, { campaignId: 'camp_a_only' }),
          { modelName: 'finance', metricName: 'revenue', value: 1000, timestamp: T0 },
        ])
      ).status,
    ).toBe(200);
  });
  afterAll(async () => t?.stop());

  it("org B's key sees none of org A's series, by list, model, metric or dimension filter", async () => {
    for (const path of [
      '/api/v1/series',
      '/api/v1/series?model=marketing',
      '/api/v1/series?model=finance&metric=revenue',
      '/api/v1/series?dim.campaignId=camp_a_only',
      '/api/v1/series?dim.platform=instagram',
    ]) {
      const r = await get(t.keyB, path);
      expect({ path, status: r.status, total: r.body.total, series: r.body.series }).toEqual({
        path,
        status: 200,
        total: 0,
        series: [],
      });
    }
    // the same requests with A's key do find them: the filters above are not simply wrong
    expect((await get(t.keyA, '/api/v1/series?dim.campaignId=camp_a_only')).body.total).toBe(1);
    expect((await get(t.keyA, '/api/v1/series')).body.total).toBe(3);
  });

  it("org B's key reads no points of org A's series", async () => {
    for (const q of [
      `model=marketing&metric=ctr&${RANGE}`,
      `model=marketing&metric=ctr&${RANGE}&dim.campaignId=camp_a_only`,
      `model=finance&metric=revenue&${RANGE}&aggregation=sum&intervalMs=3600000`,
      `model=marketing&metric=ctr&${RANGE}&aggregation=p95`,
    ]) {
      const r = await get(t.keyB, `/api/v1/query?${q}`);
      expect({ q, status: r.status, series: r.body.series }).toEqual({ q, status: 200, series: [] });
      expect((await get(t.keyA, `/api/v1/query?${q}`)).body.series.length).toBeGreaterThan(0);
    }
  });

  it("org B cannot write into org A's series: the same names make a separate series of B's", async () => {
    // B sends points with exactly A's model, metric, dimensions and timestamps
    const r = await post(t.keyB, [point(100), point(300, {}, T0 + 60000), point(7, {}, T0 + 120000)]);
    expect(r.status).toBe(200);
    // new rows for B: none of A's points was counted as a duplicate or replaced
    expect(r.body).toMatchObject({ accepted: 3, inserted: 3, updated: 0, duplicates: 0 });

    const a = await get(t.keyA, '/api/v1/series?model=marketing&metric=ctr&dim.platform=instagram');
    const b = await get(t.keyB, '/api/v1/series?model=marketing&metric=ctr&dim.platform=instagram');
    expect(b.body.total).toBe(1);
    const aPlain = a.body.series.find((s: { dimensions: object }) => Object.keys(s.dimensions).length === 1);
    expect(aPlain.lastValue).toBe(3);
    expect(b.body.series[0].lastValue).toBe(7);
    expect(b.body.series[0].id).not.toBe(aPlain.id);

    const range = `model=marketing&metric=ctr&${RANGE}&intervalMs=60000&aggregation=max&dim.platform=instagram`;
    const qa = await get(t.keyA, `/api/v1/query?${range}`);
    const qb = await get(t.keyB, `/api/v1/query?${range}`);
    const pointsOf = (body: { series: Array<{ id: number; points: number[][] }> }, id: number) =>
      body.series.find((s) => s.id === id)?.points;
    expect(pointsOf(qa.body, aPlain.id)).toEqual([
      [T0, 1],
      [T0 + 60000, 3],
    ]);
    expect(qb.body.series).toHaveLength(1);
    expect(qb.body.series[0].points).toEqual([
      [T0, 100],
      [T0 + 60000, 300],
      [T0 + 120000, 7],
    ]);
    // the raw path too (p95 reads raw points)
    const rawA = await get(t.keyA, `/api/v1/query?${range.replace('max', 'p95')}`);
    expect(pointsOf(rawA.body, aPlain.id)).toEqual([
      [T0, 1],
      [T0 + 60000, 3],
    ]);
  });

  it('keeps both organizations apart in /metrics', async () => {
    await t.running.ctx.metrics.refreshKpiSnapshot();
    const text = (await call(t.url, 'GET', '/metrics')).body as string;
    const ctr = text.split('\n').filter((l) => l.startsWith('kpi_value{') && l.includes('metric="ctr"'));
    const plain = ctr.filter((l) => !l.includes('campaign_id='));
    expect(plain.find((l) => l.includes('org="org-a"'))).toMatch(/ 3$/);
    expect(plain.find((l) => l.includes('org="org-b"'))).toMatch(/ 7$/);
  });
});
