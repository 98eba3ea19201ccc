import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

jest.setTimeout(60000);

const HOUR = 3600000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-05-10T00:00:00Z');
const AGGREGATIONS = ['avg', 'sum', 'min', 'max', 'last', 'count', 'p95'] as const;
type Agg = (typeof AGGREGATIONS)[number];

interface Sent {
  dims: { region: string; tier: string };
  points: Array<[number, number]>;
}

/** Deterministic pseudo-random numbers (an LCG): the same data on every run and backend. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** Two days of irregularly spaced points per series, values with decimals and negatives. */
function makeSeries(dims: Sent['dims'], seed: number): Sent {
  const rnd = lcg(seed);
  const points: Array<[number, number]> = [];
  for (let ts = T0 + Math.floor(rnd() * 60000); ts < T0 + 2 * DAY; ts += 20000 + Math.floor(rnd() * 200000))
    points.push([ts, Math.round((rnd() * 200 - 50) * 1000) / 1000]);
  return { dims, points };
}

/** percentile_cont: linear interpolation between the closest ranks. */
function p95(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const h = 0.95 * (v.length - 1);
  const lo = Math.floor(h);
  return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

function aggregate(points: Array<[number, number]>, agg: Agg): number {
  const values = points.map((p) => p[1]);
  switch (agg) {
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'count':
      return values.length;
    case 'last':
      return points.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
    case 'p95':
      return p95(values);
  }
}

/** What the API must answer, computed from the points sent: epoch-aligned buckets over [from, to). */
function expected(
  points: Array<[number, number]>,
  agg: Agg,
  intervalMs: number,
  fromMs: number,
  toMs: number,
): Array<[number, number]> {
  const buckets = new Map<number, Array<[number, number]>>();
  for (const p of points) {
    if (p[0] < fromMs || p[0] >= toMs) continue;
    const b = Math.floor(p[0] / intervalMs) * intervalMs;
    buckets.set(b, [...(buckets.get(b) ?? []), p]);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([b, ps]) => [b, aggregate(ps, agg)]);
}

/** Equal bucket times, values equal up to float rounding (sums are added in another order by SQL). */
function expectClose(actual: Array<[number, number]>, want: Array<[number, number]>, what: string): void {
  expect({ what, times: actual.map((p) => p[0]) }).toEqual({ what, times: want.map((p) => p[0]) });
  const off = actual.filter((p, i) => Math.abs(p[1] - want[i][1]) > 1e-9 * Math.max(1, Math.abs(want[i][1])));
  expect({ what, off }).toEqual({ what, off: [] });
}

eachBackend('read API', (backend) => {
  let t: TestExporter;
  const sent: Sent[] = [
    makeSeries({ region: 'eu', tier: 'gold' }, 1),
    makeSeries({ region: 'eu', tier: 'free' }, 2),
    makeSeries({ region: 'us', tier: 'gold' }, 3),
  ];
  const get = (path: string) => call(t.url, 'GET', path, { key: t.keyA });
  const query = (params: string) => get(`/api/v1/query?model=shop&metric=latency&${params}`);
  const sentFor = (dims: Record<string, string>) =>
    sent.find((s) => s.dims.region === dims.region && s.dims.tier === dims.tier)!;

  beforeAll(async () => {
    t = await startTestExporter(backend);
    const points = sent.flatMap((s) =>
      s.points.map(([ts, value]) => ({
        modelName: 'shop',
        metricName: 'latency',
        ...s.dims,
        value,
        timestamp: ts,
      })),
    );
    // org B has a series of the same name: never part of org A's answers
    const other = { modelName: 'shop', metricName: 'latency', region: 'eu', tier: 'gold', value: 1e6 };
    expect(
      (await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: { points } })).status,
    ).toBe(200);
    expect(
      (
        await call(t.url, 'POST', '/api/v1/points/batch', {
          key: t.keyB,
          body: { points: [{ ...other, timestamp: T0 + HOUR }] },
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => t?.stop());

  describe.each([
    [30000, 'raw'],
    [60000, 'rollup_1m'],
    [HOUR, 'rollup_1h'],
    [DAY, 'rollup_1d'],
  ])('interval %d ms', (intervalMs, source) => {
    it.each(AGGREGATIONS)('%s matches the value computed from the points sent', async (agg) => {
      const r = await query(
        `from=${T0}&to=${T0 + 2 * DAY}&intervalMs=${intervalMs}&aggregation=${agg}&maxDataPoints=11000`,
      );
      expect(r.status).toBe(200);
      // p95 needs the raw values whatever the interval
      expect(r.body).toMatchObject({ intervalMs, aggregation: agg, source: agg === 'p95' ? 'raw' : source });
      expect(r.body.series).toHaveLength(3);
      for (const s of r.body.series)
        expectClose(
          s.points,
          expected(sentFor(s.dimensions).points, agg, intervalMs, T0, T0 + 2 * DAY),
          `${agg} ${intervalMs} ${JSON.stringify(s.dimensions)}`,
        );
    });
  });

  it('widens the interval to honour maxDataPoints, onto a coarser rollup', async () => {
    for (const [maxDataPoints, width] of [
      [10, 6 * HOUR],
      [7, 12 * HOUR],
      [2, DAY],
    ]) {
      const r = await query(
        `from=${T0}&to=${T0 + 2 * DAY}&intervalMs=60000&maxDataPoints=${maxDataPoints}&aggregation=sum`,
      );
      expect({ maxDataPoints, intervalMs: r.body.intervalMs }).toEqual({ maxDataPoints, intervalMs: width });
      expect(r.body.source).toBe(width === DAY ? 'rollup_1d' : 'rollup_1h');
      for (const s of r.body.series) {
        expect(s.points.length).toBeLessThanOrEqual(maxDataPoints);
        expectClose(
          s.points,
          expected(sentFor(s.dimensions).points, 'sum', width, T0, T0 + 2 * DAY),
          `maxDataPoints ${maxDataPoints}`,
        );
      }
    }
    // a range of exactly 10 buckets of 3 h that starts inside a bucket touches 11 of them: wider then
    const off = await query(`from=${T0 + HOUR}&to=${T0 + 31 * HOUR}&maxDataPoints=10&aggregation=count`);
    expect(off.body.intervalMs).toBe(6 * HOUR);
    for (const s of off.body.series) expect(s.points.length).toBeLessThanOrEqual(10);
    // without an interval, maxDataPoints alone picks the width (raw p95 too)
    const r = await query(`from=${T0}&to=${T0 + 2 * DAY}&maxDataPoints=50&aggregation=p95`);
    expect(r.body).toMatchObject({ intervalMs: HOUR, source: 'raw' });
    for (const s of r.body.series) expect(s.points.length).toBeLessThanOrEqual(50);
  });

  it('keeps only the points of the time range', async () => {
    const from = T0 + 5 * HOUR;
    const to = T0 + 11 * HOUR;
    for (const [agg, intervalMs] of [
      ['count', HOUR],
      ['max', 60000],
      ['p95', HOUR],
      ['sum', 30000],
    ] as const) {
      const r = await query(
        `from=${new Date(from).toISOString()}&to=${to}&intervalMs=${intervalMs}&aggregation=${agg}`,
      );
      expect(r.status).toBe(200);
      expect(r.body.from).toBe(new Date(from).toISOString());
      for (const s of r.body.series)
        expectClose(
          s.points,
          expected(sentFor(s.dimensions).points, agg, intervalMs, from, to),
          `${agg} range`,
        );
    }
    // a range with no points: the series, without points
    const empty = await query(`from=${T0 - 10 * DAY}&to=${T0 - 9 * DAY}&aggregation=count`);
    expect(empty.body.series.map((s: { points: unknown[] }) => s.points)).toEqual([[], [], []]);
  });

  it('gives the same answer from rollups and from raw points when the range ends inside a bucket', async () => {
    // 10:30:30 is not on a 1-minute boundary: a rollup read must not take the rest of that minute or hour
    const to = T0 + 10 * HOUR + 30 * 60000 + 30000;
    const rollup = await query(`from=${T0}&to=${to}&intervalMs=${HOUR}&aggregation=count`);
    const raw = await query(`from=${T0}&to=${to}&intervalMs=${HOUR}&aggregation=p95`);
    expect(rollup.body.source).toBe('rollup_1h');
    expect(raw.body.source).toBe('raw');
    const end = Date.parse(rollup.body.to);
    expect(Date.parse(raw.body.to)).toBe(end);
    for (const s of rollup.body.series)
      expectClose(s.points, expected(sentFor(s.dimensions).points, 'count', HOUR, T0, end), 'count to');
    for (const s of raw.body.series)
      expectClose(s.points, expected(sentFor(s.dimensions).points, 'p95', HOUR, T0, end), 'p95 to');
  });

  it('filters series by dimensions in /query and /series', async () => {
    const range = `from=${T0}&to=${T0 + 2 * DAY}&intervalMs=${DAY}&aggregation=count`;
    const dimsOf = (body: { series: Array<{ dimensions: object }> }) => body.series.map((s) => s.dimensions);
    expect(dimsOf((await query(`${range}&dim.region=eu`)).body)).toEqual(
      expect.arrayContaining([
        { region: 'eu', tier: 'gold' },
        { region: 'eu', tier: 'free' },
      ]),
    );
    expect((await query(`${range}&dim.region=eu`)).body.series).toHaveLength(2);
    expect(dimsOf((await query(`${range}&dim.region=eu&dim.tier=gold`)).body)).toEqual([
      { region: 'eu', tier: 'gold' },
    ]);
    expect((await query(`${range}&dim.region=mars`)).body.series).toEqual([]);
    expect((await query(`${range}&dim.tier=gold`)).body.series).toHaveLength(2);

    const list = await get('/api/v1/series?model=shop&dim.tier=gold');
    expect(list.body.total).toBe(2);
    expect(
      list.body.series.map((s: { dimensions: { region: string } }) => s.dimensions.region).sort(),
    ).toEqual(['eu', 'us']);
    const gold = list.body.series.find(
      (s: { dimensions: { region: string } }) => s.dimensions.region === 'us',
    );
    const last = sentFor({ region: 'us', tier: 'gold' }).points.at(-1)!;
    expect(gold).toMatchObject({ lastValue: last[1], lastTimestamp: new Date(last[0]).toISOString() });
  });

  it('reads an empty dimension value as "without this dimension", as Prometheus reads label=""', async () => {
    const points = [{}, { region: 'eu' }, { region: 'eu', tier: 'gold' }].map((dims, i) => ({
      modelName: 'shop',
      metricName: 'orders',
      ...dims,
      value: i + 1,
      timestamp: T0,
    }));
    expect(
      (await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: { points } })).status,
    ).toBe(200);
    const orders = async (params: string) =>
      (
        await get(
          `/api/v1/query?model=shop&metric=orders&from=${T0}&to=${T0 + DAY}&intervalMs=${DAY}&${params}`,
        )
      ).body.series.map((s: { dimensions: object; points: Array<[number, number]> }) => [
        s.dimensions,
        s.points[0][1],
      ]);
    expect(await orders('dim.region=eu&dim.tier=')).toEqual([[{ region: 'eu' }, 2]]);
    expect(await orders('dim.region=&dim.tier=')).toEqual([[{}, 1]]);
    expect(await orders('dim.tier=')).toEqual(
      expect.arrayContaining([
        [{}, 1],
        [{ region: 'eu' }, 2],
      ]),
    );
    expect(await orders('dim.tier=')).toHaveLength(2);
    const list = await get('/api/v1/series?model=shop&metric=orders&dim.region=eu&dim.tier=');
    expect(list.body.series.map((s: { dimensions: object }) => s.dimensions)).toEqual([{ region: 'eu' }]);
  });

  it('caps the number of series of a query with limit and says it truncated', async () => {
    const r = await query(`from=${T0}&to=${T0 + DAY}&intervalMs=${DAY}&limit=2`);
    expect(r.body.series).toHaveLength(2);
    expect(r.body.truncated).toBe(true);
    expect((await query(`from=${T0}&to=${T0 + DAY}&intervalMs=${DAY}&limit=3`)).body.truncated).toBe(false);
  });

  it('pages /series with limit and offset', async () => {
    const points = Array.from({ length: 25 }, (_, i) => ({
      modelName: 'paging',
      metricName: 'm',
      item: String(i).padStart(2, '0'),
      value: i,
      timestamp: T0,
    }));
    expect(
      (await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: { points } })).status,
    ).toBe(200);
    const seen: string[] = [];
    for (const offset of [0, 10, 20]) {
      const r = await get(`/api/v1/series?model=paging&limit=10&offset=${offset}`);
      expect(r.body).toMatchObject({ total: 25, limit: 10, offset });
      expect(r.body.series).toHaveLength(offset === 20 ? 5 : 10);
      seen.push(...r.body.series.map((s: { dimensions: { item: string } }) => s.dimensions.item));
    }
    expect(seen).toEqual(points.map((p) => p.item));
    const past = await get('/api/v1/series?model=paging&limit=10&offset=30');
    expect(past.body).toMatchObject({ total: 25, series: [] });
    // the default page
    expect((await get('/api/v1/series?model=paging')).body).toMatchObject({ limit: 100, offset: 0 });
  });

  it.each([
    ['/api/v1/query?metric=latency&from=0&to=1', 'model'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&aggregation=median', 'aggregation'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&intervalMs=500', 'intervalMs'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&intervalMs=1m', 'intervalMs'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&maxDataPoints=0', 'maxDataPoints'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&maxDataPoints=20000', 'maxDataPoints'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&limit=0', 'limit'],
    ['/api/v1/query?model=shop&metric=latency&from=yesterday&to=1000', 'from'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=2026-13-45', 'to'],
    ['/api/v1/query?model=shop&metric=latency&from=5000&to=1000', 'to'],
    ['/api/v1/query?model=shop&metric=latency&from=0&to=1000&region=eu', 'region'],
    ['/api/v1/query?model=Shop!&metric=latency&from=0&to=1000', 'model'],
    ['/api/v1/series?limit=0', 'limit'],
    ['/api/v1/series?limit=5000', 'limit'],
    ['/api/v1/series?offset=-1', 'offset'],
    ['/api/v1/series?tier=gold', 'tier'],
  ])('answers 400 naming the parameter for %s', async (path, param) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([`/query/${param}`]);
    // a read stores nothing anyway: the message does not say so
    expect(r.body.message).not.toMatch(/stored/);
    expect(r.body.requestId).toEqual(expect.any(String));
  });
});
