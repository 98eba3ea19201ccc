import pino from 'pino';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { startExporter, type RunningExporter } from '../src/server';
import { createApiKey } from '../src/store/api-keys';
import { runRollups } from '../src/store/rollups';
import { rollupMismatches } from './support/rollup-check';
import { describeIfBinaries } from './support/binaries';
import { call } from './support/exporter-harness';
import { PG_BIN, PostgresServer } from './support/postgres-server';

jest.setTimeout(90000);

const SERIES = ['eu', 'us', 'apac', 'latam'];
const BATCHES = 60;
const PER_SERIES = 50; // points per series per batch: 200 points a batch, 12,000 in all
const BASE_MS = Date.parse('2026-03-01T00:00:00Z');

interface Batch {
  index: number;
  points: Array<{ modelName: string; metricName: string; region: string; value: number; timestamp: number }>;
}

/** Unique (series, timestamp) points: a point's value says which batch and slot it came from. */
function makeBatch(index: number): Batch {
  const points = [];
  for (let s = 0; s < SERIES.length; s++)
    for (let i = 0; i < PER_SERIES; i++) {
      const slot = index * PER_SERIES + i;
      points.push({
        modelName: 'sales',
        metricName: 'orders',
        region: SERIES[s],
        value: slot + s / 10,
        // 7 s apart: the stream spans several 1-minute and 1-hour rollup buckets
        timestamp: BASE_MS + slot * 7000,
      });
    }
  return { index, points };
}

interface StreamLog {
  acked: Set<number>;
  statuses: Map<number, number>;
  /** non-200 answers: status and Retry-After */
  refusals: Array<{ status: number; retryAfter: string | null; message: string }>;
  connectionErrors: number;
  hangs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one batch until it is acknowledged, retrying on 503 and on connection errors like a real client. */
async function sendUntilAcked(url: string, key: string, batch: Batch, log: StreamLog): Promise<void> {
  for (;;) {
    let res: Response;
    try {
      res = await fetch(`${url}/api/v1/points/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ points: batch.points }),
        // longer than any legitimate answer: an exporter that hangs on a dead database fails the test
        signal: AbortSignal.timeout(15000),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') {
        log.hangs++;
        throw new Error(`batch ${batch.index}: no answer in 15 s`);
      }
      log.connectionErrors++;
      await sleep(100);
      continue;
    }
    const body = (await res.json()) as { message?: string; accepted?: number };
    log.statuses.set(res.status, (log.statuses.get(res.status) ?? 0) + 1);
    if (res.status === 200) {
      expect(body.accepted).toBe(batch.points.length);
      log.acked.add(batch.index);
      return;
    }
    log.refusals.push({
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      message: body.message ?? '',
    });
    if (res.status !== 503) throw new Error(`batch ${batch.index}: ${res.status} ${body.message}`);
    // Retry-After says 5 s; a test client retries sooner to keep the test short
    await sleep(100);
  }
}

describeIfBinaries([PG_BIN.initdb, PG_BIN.postgres], 'postgresql')(
  'PostgreSQL outage during ingestion',
  () => {
    let pg: PostgresServer;
    let exporter: RunningExporter;
    let key: string;

    beforeAll(async () => {
      pg = await PostgresServer.create();
      const config = loadConfig({
        DATABASE_URL: await pg.createDatabase('fault'),
        KPILENS_HOST: '127.0.0.1',
        KPILENS_PORT: '0',
        KPILENS_LOG_LEVEL: 'silent',
        // every request verifies its key in the database: the auth path must answer 503 too
        KPILENS_KEY_CACHE_TTL_MS: '0',
        KPILENS_ROLLUP_INTERVAL_MS: '100',
        KPILENS_DB_POOL_MAX: '4',
      });
      exporter = await startExporter(config, { log: pino({ level: 'silent' }) });
      key = (await createApiKey(exporter.ctx.db, 'org-a', 'stream', ['ingest', 'read'])).key;
    });
    afterAll(async () => {
      await exporter?.stop();
      await pg?.destroy();
    });

    it('answers 503 while the database is down, recovers by itself and stores every acknowledged point once', async () => {
      const log: StreamLog = {
        acked: new Set(),
        statuses: new Map(),
        refusals: [],
        connectionErrors: 0,
        hangs: 0,
      };
      const batches = Array.from({ length: BATCHES }, (_, i) => makeBatch(i));
      const queue = [...batches];
      const workers = Array.from({ length: 3 }, async () => {
        for (let b = queue.shift(); b; b = queue.shift()) await sendUntilAcked(exporter.url, key, b, log);
      });
      const stream = Promise.all(workers);
      stream.catch(() => undefined); // awaited below; keeps an early failure from being unhandled meanwhile

      while (log.acked.size < 10) await sleep(5);
      await pg.stop();
      const refusedBefore = log.refusals.length;
      // while the database is down: only 503s with Retry-After, and /ready says why
      const deadline = Date.now() + 20000;
      while (log.refusals.length < refusedBefore + 5 && Date.now() < deadline) await sleep(20);
      const ready = await call(exporter.url, 'GET', '/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toMatch(/database unreachable/);
      // reads answer 503 too, and Prometheus can still scrape the exporter's own metrics
      const read = await call(exporter.url, 'GET', '/api/v1/series', { key });
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
      const metrics = await call(exporter.url, 'GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(/kpi_ingestion_total\{model="sales",status="accepted"\} [1-9]/);
      const ackedWhileDown = log.acked.size;
      await sleep(300);
      expect(log.acked.size).toBe(ackedWhileDown);
      await pg.start();
      await stream;

      expect(log.hangs).toBe(0);
      expect(log.acked.size).toBe(BATCHES);
      expect(log.refusals.length).toBeGreaterThanOrEqual(5);
      expect(log.refusals.filter((r) => r.status !== 503)).toEqual([]);
      expect(log.refusals.filter((r) => !/^\d+$/.test(r.retryAfter ?? ''))).toEqual([]);
      expect((await call(exporter.url, 'GET', '/ready')).status).toBe(200);

      // every acknowledged point is stored exactly once, with its value
      const c = new Client({ connectionString: pg.url('fault') });
      await c.connect();
      try {
        const { rows } = await c.query<{ region: string; t: string; value: number }>(
          `SELECT s.dimensions ->> 'region' AS region, (extract(epoch FROM p.ts) * 1000)::bigint::text AS t, p.value
         FROM points p JOIN series s ON s.id = p.series_id`,
        );
        const expected = new Map<string, number>();
        for (const b of batches)
          for (const p of b.points) expected.set(`${p.region}@${p.timestamp}`, p.value);
        expect(rows.length).toBe(expected.size);
        const wrong = rows.filter((r) => expected.get(`${r.region}@${r.t}`) !== r.value);
        expect(wrong).toEqual([]);
        expect(new Set(rows.map((r) => `${r.region}@${r.t}`)).size).toBe(expected.size);

        // rollups (folded by the background task, which also had to survive the outage) agree with raw points
        while ((await runRollups(exporter.ctx.db)) > 0);
        expect(await rollupMismatches(c)).toEqual([]);
        const buckets = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM rollups');
        expect(buckets.rows[0].n).toBeGreaterThan(100);
      } finally {
        await c.end();
      }
    });
  },
);
