import { Value } from '@sinclair/typebox/value';
import { AnomalyBandResult, DimensionKeyList, DimensionValueList, MetricCatalog } from '@kpilens/contract';
import { writeScores } from '../src/accounts/store';
import { StreamingAnomalyDetector } from '../src/analysis/streaming-detector';
import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { HISTORY_START, HOUR, hourlyPoints } from './support/kpi-history';

// The reads behind the datasource's pickers, variables, anomaly band and risk table.
jest.setTimeout(120_000);

const DAY = 24 * HOUR;
const HOURS = 35 * 24;

eachBackend('datasource reads', (backend) => {
  let t: TestExporter;
  const get = (path: string, key = t.keyA) => call(t.url, 'GET', `/api/v1${path}`, { key });

  beforeAll(async () => {
    t = await startTestExporter(backend);
    const points = [
      ...hourlyPoints('marketing', 'ctr', { platform: 'instagram', campaignId: 'c1' }, HOURS, 7, {
        from: 30 * 24,
        to: 30 * 24 + 6,
        factor: 3,
      }),
      ...hourlyPoints('marketing', 'ctr', { platform: 'tiktok', campaignId: 'c2' }, HOURS, 11),
      ...hourlyPoints('marketing', 'cpc', { platform: 'tiktok' }, 48, 3),
      ...hourlyPoints('revenue', 'mrr', {}, 48, 5),
    ];
    for (let i = 0; i < points.length; i += 10_000) {
      const r = await call(t.url, 'POST', '/api/v1/points/batch', {
        key: t.keyA,
        body: { points: points.slice(i, i + 10_000) },
      });
      expect(r.status).toBe(200);
    }
    // Organization B has a model A does not, and a dimension value A does not.
    const b = await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyB,
      body: { points: hourlyPoints('secret', 'x', { platform: 'b-only' }, 2, 1) },
    });
    expect(b.status).toBe(200);
  });
  afterAll(async () => t?.stop());

  it('lists stored models and metrics with their series, per organization', async () => {
    const r = await get('/metrics');
    expect(r.status).toBe(200);
    expect(Value.Check(MetricCatalog, r.body)).toBe(true);
    expect(r.body).toEqual({
      metrics: [
        { model: 'marketing', metric: 'cpc', series: 1 },
        { model: 'marketing', metric: 'ctr', series: 2 },
        { model: 'revenue', metric: 'mrr', series: 1 },
      ],
      truncated: false,
    });
    expect((await get('/metrics?model=revenue')).body.metrics).toEqual([
      { model: 'revenue', metric: 'mrr', series: 1 },
    ]);
    expect((await get('/metrics?limit=2')).body.truncated).toBe(true);
    expect((await get('/metrics', t.keyB)).body.metrics).toEqual([
      { model: 'secret', metric: 'x', series: 1 },
    ]);
  });

  it('lists dimension keys and values of the matching series', async () => {
    const keys = await get('/dimensions?model=marketing');
    expect(Value.Check(DimensionKeyList, keys.body)).toBe(true);
    expect(keys.body.keys).toEqual([
      { key: 'campaignId', series: 2 },
      { key: 'platform', series: 3 },
    ]);
    expect((await get('/dimensions?model=marketing&metric=cpc')).body.keys).toEqual([
      { key: 'platform', series: 1 },
    ]);

    const values = await get('/dimensions/platform/values?model=marketing');
    expect(Value.Check(DimensionValueList, values.body)).toBe(true);
    expect(values.body).toEqual({
      key: 'platform',
      values: [
        { value: 'instagram', series: 1 },
        { value: 'tiktok', series: 2 },
      ],
      truncated: false,
    });
    // Narrowed by another dimension, capped by limit.
    expect((await get('/dimensions/campaignId/values?dim.platform=tiktok')).body.values).toEqual([
      { value: 'c2', series: 1 },
    ]);
    expect((await get('/dimensions/platform/values?limit=1')).body.truncated).toBe(true);
    // Organization B's values never show for A.
    expect(
      (await get('/dimensions/platform/values')).body.values.map((v: { value: string }) => v.value),
    ).toEqual(['instagram', 'tiktok']);
  });

  it('refuses unknown parameters and bad keys with the field path', async () => {
    const r = await get('/dimensions?platform=x');
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([expect.objectContaining({ path: '/query/platform' })]);
    const bad = await get('/dimensions/1bad/values');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toContain('key');
    expect((await call(t.url, 'GET', '/api/v1/metrics')).status).toBe(401);
  });

  it('returns the anomaly band the detector had at each hour, bucketed within maxDataPoints', async () => {
    const from = HISTORY_START + 28 * DAY;
    const to = HISTORY_START + 32 * DAY;
    const r = await get(
      `/anomaly-band?model=marketing&metric=ctr&dim.platform=instagram&from=${from}&to=${to}&intervalMs=60000`,
    );
    expect(r.status).toBe(200);
    expect(Value.Check(AnomalyBandResult, r.body)).toBe(true);
    expect(r.body.intervalMs).toBe(HOUR);
    expect(r.body.series).toHaveLength(1);
    const [s] = r.body.series;
    expect(s.dimensions).toEqual({ platform: 'instagram', campaignId: 'c1' });
    expect(s.times).toHaveLength(4 * 24);
    // The same replay by hand: the band at each hour of the range is the detector's at that hour.
    const sent = hourlyPoints('marketing', 'ctr', {}, HOURS, 7, {
      from: 30 * 24,
      to: 30 * 24 + 6,
      factor: 3,
    });
    // The server starts its replay on the Monday at least 21 days before `from` (here exactly 21 days).
    const d2 = new StreamingAnomalyDetector();
    const byTs = new Map<number, number>();
    for (const p of sent) {
      const ts = Date.parse(p.timestamp as string);
      if (ts < from - 21 * DAY) continue;
      byTs.set(ts, d2.update(ts, p.value).expected);
    }
    s.times.forEach((ts: number, i: number) => {
      expect(s.observed[i]).toBeCloseTo(sent[(ts - HISTORY_START) / HOUR].value, 9);
      expect(s.expected[i]).toBeCloseTo(byTs.get(ts)!, 9);
    });
    // The injected incident (x3) lies above the band.
    const incident = s.times.indexOf(HISTORY_START + 30 * DAY + 2 * HOUR);
    expect(s.observed[incident]).toBeGreaterThan(s.upper[incident]);

    const coarse = await get(
      `/anomaly-band?model=marketing&metric=ctr&from=${from}&to=${to}&maxDataPoints=10&limit=1`,
    );
    expect(coarse.body.intervalMs).toBe(10 * HOUR);
    expect(coarse.body.truncated).toBe(true);
    expect(coarse.body.series).toHaveLength(1);
    expect(coarse.body.series[0].times.length).toBeLessThanOrEqual(11);
  });

  it('bounds the anomaly band range and keeps other organizations out', async () => {
    const r = await get(`/anomaly-band?model=marketing&metric=ctr&from=0&to=${800 * DAY}`);
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ path: '/query/from', message: 'must be at most 731 days before to' }]);
    const other = await get(
      `/anomaly-band?model=marketing&metric=ctr&from=${HISTORY_START}&to=${HISTORY_START + DAY}`,
      t.keyB,
    );
    expect(other.body.series).toEqual([]);
  });

  it('keeps the replayed band between requests, and replays again after a correction', async () => {
    const from = HISTORY_START + 25 * DAY;
    const to = HISTORY_START + 33 * DAY;
    const band = async (f = from) =>
      (await get(`/anomaly-band?model=marketing&metric=ctr&dim.platform=instagram&from=${f}&to=${to}`)).body
        .series[0];
    const first = await band();
    expect(first.times).toHaveLength(8 * 24);
    expect(await band()).toEqual(first);
    // A range starting later in the same week has the same band at the same hours (one replay origin).
    const later = await band(from + DAY);
    expect(later.expected).toEqual(first.expected.slice(24));
    expect(later.upper).toEqual(first.upper.slice(24));

    // A corrected past point: the band is that of a replay of the corrected history from the origin,
    // the Monday at least 21 days before `from` (HISTORY_START).
    const at = HISTORY_START + 26 * DAY + 3 * HOUR;
    const fix = await call(t.url, 'POST', '/api/v1/points', {
      key: t.keyA,
      body: {
        modelName: 'marketing',
        metricName: 'ctr',
        value: 500,
        timestamp: at,
        platform: 'instagram',
        campaignId: 'c1',
      },
    });
    expect(fix.status).toBe(200);
    const sent = hourlyPoints('marketing', 'ctr', {}, HOURS, 7, {
      from: 30 * 24,
      to: 30 * 24 + 6,
      factor: 3,
    });
    const d = new StreamingAnomalyDetector();
    const expected = new Map<number, number>();
    for (const p of sent) {
      const ts = Date.parse(p.timestamp as string);
      expected.set(ts, d.update(ts, ts === at ? 500 : p.value).expected);
    }
    const corrected = await band();
    expect(corrected.observed[corrected.times.indexOf(at)]).toBe(500);
    corrected.times.forEach((ts: number, i: number) => expect(corrected.expected[i]).toBe(expected.get(ts)));
    expect(corrected.expected).not.toEqual(first.expected);
  });

  it('lists the latest score of every account, riskiest first, filtered by level and paged', async () => {
    const accounts = ['a1', 'a2', 'a3', 'a4'].map((id) => ({
      id,
      name: `Customer ${id}`,
      openedAt: '2025-01-01T00:00:00Z',
    }));
    expect(
      (await call(t.url, 'POST', '/api/v1/accounts/batch', { key: t.keyA, body: { accounts } })).status,
    ).toBe(200);
    const orgA = (
      await t.testDb.db.query<{ id: number }>("SELECT id FROM organizations WHERE slug = 'org-a'")
    ).rows[0].id;
    const at = Date.parse('2026-03-01T00:00:00Z');
    const score = (accountId: string, scoredAt: number, probability: number | null, level: string) => ({
      accountId,
      modelVersion: 'v1',
      scoredAt,
      probability,
      level,
      expectedPaymentDate: probability === null ? null : at + 30 * DAY,
      confidence: 0.7,
      factors: [
        { feature: 'late_ratio', value: 0.5, contribution: -0.4, direction: 'raises', message: 'late' },
      ],
    });
    await writeScores(t.testDb.db, orgA, [
      score('a1', at, 0.95, 'EXCELLENT'),
      score('a2', at - DAY, 0.9, 'GOOD'),
      // a2's latest score is the one that counts
      score('a2', at, 0.3, 'RISKY'),
      score('a3', at, null, 'UNKNOWN'),
      score('a4', at, 0.1, 'CRITICAL'),
    ]);
    const r = await get('/risk/scores');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(4);
    expect(r.body.scores.map((s: { accountId: string }) => s.accountId)).toEqual(['a4', 'a2', 'a1', 'a3']);
    expect(r.body.scores[0]).toMatchObject({
      accountId: 'a4',
      accountName: 'Customer a4',
      probability: 0.1,
      level: 'CRITICAL',
      confidence: 0.7,
      expectedPaymentDate: new Date(at + 30 * DAY).toISOString(),
      factors: [expect.objectContaining({ feature: 'late_ratio', direction: 'raises' })],
    });
    expect(r.body.scores[0].badge).toEqual(expect.any(String));
    expect(r.body.scores[0].color).toMatch(/^#/);

    const risky = await get('/risk/scores?level=RISKY,CRITICAL&limit=1&offset=1');
    expect(risky.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(risky.body.scores.map((s: { accountId: string }) => s.accountId)).toEqual(['a2']);

    const bad = await get('/risk/scores?level=BAD');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('/query/level');
    expect((await get('/risk/scores', t.keyB)).body).toMatchObject({ scores: [], total: 0 });
  });
});
