import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { migrate } from '../src/db/migrate';
import { PgliteDb } from '../src/db/pglite-db';
import { ensureOrganization } from '../src/store/api-keys';
import { eachBackend, openTestDb } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { kpilens } from './support/cli';

// Each suite starts a real exporter over a fresh database; the CLI test starts the CLI (PGlite opens in seconds).
jest.setTimeout(120_000);

// A full collection on demand, to measure live memory (not garbage) in the streaming test.
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const H = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(H + minutes * 60000).toISOString();

const POINTS_CSV = [
  'timestamp,modelName,metricName,value,platform,campaignId',
  `${at(0)},marketing,ctr,2.5,instagram,camp_1`,
  `${H + 60000},marketing,ctr,2.7,instagram,camp_1`,
  `${at(2)},marketing,ctr,high,instagram,camp_1`,
  `${at(3)},Marketing!,ctr,1,instagram,`,
  ``,
  `${at(4)},marketing,cpc,0.4,facebook,"camp,2"`,
  `1970-01-01T00:00:00Z,marketing,ctr,1,instagram,camp_1`,
  `${at(5)},marketing,ctr,1,instagram`,
  `,marketing,ctr,1,instagram,camp_1`,
].join('\n');

const EVENTS_CSV = [
  'type,id,timestamp,platform,campaignId,impressions,clicks,conversions,cost,userId,source,amount,currency,status,method,plan',
  `content_performance,c1,${at(1)},instagram,camp_1,1000,30,3,15,,,,,,,`,
  `content_performance,c2,${at(2)},instagram,camp_1,1000,10,1,5,,,,,,,`,
  `content_performance,c3,${at(3)},instagram,camp_1,1000,2.5,1,5,,,,,,,`,
  `signup_started,s1,${at(4)},,,,,,,u1,ads,,,,,`,
  `signup_completed,sc1,${at(6)},,,,,,,u1,,,,,,`,
  `payment,p1,${at(7)},,,,,,,,,100,EUR,succeeded,card,pro`,
  `payment,p2,${at(8)},,,,,,,,,100,EUR,failed,card,pro`,
  `payment,p3,${at(9)},,,,,,,,,50,EUR,paid,card,pro`,
  `refund,r1,${at(9)},,,,,,,,,,,,,`,
].join('\n');

async function importCsv(t: TestExporter, kind: string, body: string | ReadableStream, headers = {}) {
  if (typeof body === 'string')
    return call(t.url, 'POST', `/api/v1/import/${kind}`, {
      key: t.keyA,
      body,
      headers: { 'content-type': 'text/csv', ...headers },
    });
  const r = await fetch(`${t.url}/api/v1/import/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.keyA}`, 'content-type': 'text/csv', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: r.status, body: await r.json() };
}

async function scalar(
  db: { query: TestExporter['testDb']['db']['query'] },
  sql: string,
  params: unknown[] = [],
) {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]?.n;
}

const derived = (metric: string, dims: Record<string, string>) =>
  `SELECT p.value AS n FROM points p JOIN series s ON s.id = p.series_id
   WHERE s.metric = '${metric}' AND s.dimensions = '${JSON.stringify(dims)}'::jsonb AND p.ts = to_timestamp(${H / 1000})`;

/** A CSV of `rows` points generated on the fly, so the test never holds the file either. */
function generatedCsv(rows: number): { stream: ReadableStream<Uint8Array>; bytes: () => number } {
  const enc = new TextEncoder();
  let i = 0;
  let bytes = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= rows) return controller.close();
      let s = i === 0 ? 'timestamp,modelName,metricName,value,region\n' : '';
      for (let k = 0; k < 2000 && i < rows; k++, i++)
        s += `${1767225600000 + i * 1000},load,requests,${i % 997},r${i % 10}\n`;
      const b = enc.encode(s);
      bytes += b.length;
      controller.enqueue(b);
    },
  });
  return { stream, bytes: () => bytes };
}

eachBackend('CSV import', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend, { KPILENS_IMPORT_LIMIT_BYTES: String(1 << 20) });
  });
  afterAll(async () => t?.stop());

  it('imports points over HTTP, rejecting bad rows by line number with the reason', async () => {
    const r = await importCsv(t, 'points', POINTS_CSV);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'points', rowsRead: 8, accepted: 3, rejected: 5 });
    expect(r.body.rejections).toEqual([
      { line: 4, reason: 'value: must be number' },
      { line: 5, reason: expect.stringMatching(/^modelName: must match pattern/) },
      { line: 8, reason: expect.stringMatching(/^timestamp: expected a time between/) },
      { line: 9, reason: 'expected 6 columns as in the header, got 5' },
      { line: 10, reason: 'timestamp: is required in a CSV import' },
    ]);
    expect(await scalar(t.testDb.db, 'SELECT count(*)::int AS n FROM points')).toBe(3);
    const s = await call(t.url, 'GET', '/api/v1/series?model=marketing&dim.campaignId=camp,2', {
      key: t.keyA,
    });
    expect(s.body.series[0]).toMatchObject({ metric: 'cpc', lastValue: 0.4 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const r = await importCsv(t, 'points', POINTS_CSV);
    expect(r.body).toMatchObject({ rowsRead: 8, accepted: 3, rejected: 5 });
    expect(await scalar(t.testDb.db, 'SELECT count(*)::int AS n FROM points')).toBe(3);
  });

  it('imports events, derives their KPIs, and never double counts a re-import', async () => {
    for (let round = 0; round < 2; round++) {
      const r = await importCsv(t, 'events', EVENTS_CSV);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ kind: 'events', rowsRead: 9, accepted: 6, rejected: 3 });
      expect(r.body.rejections).toEqual([
        { line: 4, reason: 'clicks: must be integer' },
        { line: 9, reason: 'status: must be one of "succeeded", "failed", "refunded"' },
        {
          line: 10,
          reason: expect.stringMatching(/^type: expected one of content_performance.*got "refund"/),
        },
      ]);
      expect(await scalar(t.testDb.db, 'SELECT count(*)::int AS n FROM events')).toBe(6);
      expect(await scalar(t.testDb.db, derived('clicks', { platform: 'instagram' }))).toBe(40);
      expect(
        await scalar(t.testDb.db, derived('ctr', { platform: 'instagram', campaignId: 'camp_1' })),
      ).toBeCloseTo(2);
      expect(await scalar(t.testDb.db, derived('signup_completion_rate', { source: 'ads' }))).toBe(100);
      expect(await scalar(t.testDb.db, derived('payment_success_rate', { plan: 'pro' }))).toBe(50);
      expect(await scalar(t.testDb.db, derived('revenue', { currency: 'EUR' }))).toBe(100);
    }
  });

  it('refuses a file with a bad header as a whole, naming the column', async () => {
    const before = await scalar(t.testDb.db, 'SELECT count(*)::int AS n FROM events');
    const r = await importCsv(t, 'events', `type,id,timestamp,clickz\ncontent_performance,x,${at(1)},1\n`);
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      { path: '/header', message: expect.stringMatching(/"clickz" is not a field/) },
    ]);
    const empty = await importCsv(t, 'points', '');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/header/);
    expect(await scalar(t.testDb.db, 'SELECT count(*)::int AS n FROM events')).toBe(before);
  });

  it('answers 413 above KPILENS_IMPORT_LIMIT_BYTES, declared or streamed, and 415 to JSON', async () => {
    // Declared too large: answered before any of the body is read (as an "Expect: 100-continue" client waits).
    const declared = await new Promise<{ status: number; body: { message: string } }>((resolve, reject) => {
      const req = request(`${t.url}/api/v1/import/points`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.keyA}`,
          'content-type': 'text/csv',
          'content-length': String((1 << 20) + 1),
          expect: '100-continue',
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, body: JSON.parse(text) });
        });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(declared.status).toBe(413);
    expect(declared.body.message).toMatch(/KPILENS_IMPORT_LIMIT_BYTES\); nothing was stored/);
    const streamed = await importCsv(t, 'points', generatedCsv(100_000).stream);
    expect(streamed.status).toBe(413);
    // what came before the limit is committed (chunk by chunk), and the answer says how much
    const stored = Number(/(\d+) row\(s\) before the limit were stored/.exec(streamed.body.message)?.[1]);
    expect(stored).toBeGreaterThan(0);
    expect(
      await scalar(
        t.testDb.db,
        `SELECT count(*)::int AS n FROM points p JOIN series s ON s.id = p.series_id WHERE s.model = 'load'`,
      ),
    ).toBe(stored);
    const json = await call(t.url, 'POST', '/api/v1/import/points', { key: t.keyA, body: { points: [] } });
    expect(json.status).toBe(415);
    const ro = await call(t.url, 'POST', '/api/v1/import/points', {
      key: t.readOnlyKeyA,
      body: POINTS_CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(ro.status).toBe(403);
  });

  it('imports events from a file with the CLI, listing bad lines, and re-imports without double counting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpilens-import-'));
    const file = join(dir, 'events.csv');
    writeFileSync(file, EVENTS_CSV);
    // The CLI gets its own database: a PGlite directory has one user at a time.
    const own = backend === 'postgres' ? await openTestDb('postgres') : null;
    const dataDir = join(dir, 'data');
    let db = own?.db ?? (await PgliteDb.open(dataDir));
    try {
      await migrate(db);
      await ensureOrganization(db, 'acme');
      if (!own) await db.close();
      const env: Record<string, string> = own ? { DATABASE_URL: own.url! } : { KPILENS_DATA_DIR: dataDir };
      const args = ['import', file, '--kind', 'events', '--org', 'acme'];
      for (let round = 0; round < 2; round++) {
        const r = await kpilens(args, env);
        expect(r.err).toBe('');
        expect(r.code).toBe(3);
        expect(r.out).toMatch(/9 row\(s\) read, 6 accepted, 3 rejected/);
        expect(r.out).toMatch(/line 4: clicks: must be integer/);
        expect(r.out).toMatch(/line 10: type: expected one of/);
      }
      const json = await kpilens([...args, '--json'], env);
      expect(JSON.parse(json.out)).toMatchObject({ rowsRead: 9, accepted: 6, rejected: 3 });
      const missing = await kpilens(['import', file, '--kind', 'events', '--org', 'nope'], env);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/no organization "nope"/);
      if (!own) db = await PgliteDb.open(dataDir);
      expect(await scalar(db, 'SELECT count(*)::int AS n FROM events')).toBe(6);
      expect(await scalar(db, derived('clicks', { platform: 'instagram' }))).toBe(40);
      expect(await scalar(db, 'SELECT count(*)::int AS n FROM rollup_queue')).toBe(0);
    } finally {
      if (own) await own.close();
      else await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

eachBackend('CSV import of a large file', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend);
  });
  afterAll(async () => t?.stop());

  it('streams a file far larger than a chunk without holding it, memory bounded', async () => {
    const rows = 150_000;
    const { stream, bytes } = generatedCsv(rows);
    // Live memory (after a full collection), so garbage not yet collected does not count.
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const base = live();
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 500);
    const started = Date.now();
    const r = await importCsv(t, 'points', stream);
    clearInterval(sampler);
    process.stderr.write(
      `[${backend}] imported ${rows} rows (${(bytes() / 1e6).toFixed(1)} MB) over HTTP in ` +
        `${Date.now() - started} ms, live memory growth ${((peak - base) / 1e6).toFixed(1)} MB\n`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rowsRead: rows, accepted: rows, rejected: 0 });
    expect(
      await scalar(
        t.testDb.db,
        `SELECT count(*)::int AS n FROM points p JOIN series s ON s.id = p.series_id WHERE s.model = 'load'`,
      ),
    ).toBe(rows);
    // Two chunks of 5000 rows in flight take a few MB; 150k validated rows held at once would take ~48 MB.
    expect(peak - base).toBeLessThan(24e6);
  });
});
