import pino from 'pino';
import { loadConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { migrate } from '../src/db/migrate';
import { PgDb } from '../src/db/pg-db';
import { startExporter, type RunningExporter } from '../src/server';
import { createApiKey } from '../src/store/api-keys';
import { eachBackend, openTestDb, type BackendName, type TestDb } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { freePort, PG_BIN } from './support/postgres-server';

jest.setTimeout(60000);

// PostgreSQL starts faster than PGlite; suites that do not depend on the backend use it when installed.
const backend: BackendName = PG_BIN.initdb && PG_BIN.postgres ? 'postgres' : 'pglite';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An exporter over `db` whose JSON log lines are kept in `lines`. */
async function startLogged(
  db: Db,
  opts: { migrate?: boolean } = {},
): Promise<{ running: RunningExporter; lines: string[] }> {
  const lines: string[] = [];
  const config = loadConfig({ KPILENS_HOST: '127.0.0.1', KPILENS_PORT: '0', KPILENS_LOG_LEVEL: 'info' });
  const log = pino({ level: 'info', base: { service: 'kpilens-exporter' } }, { write: (s) => lines.push(s) });
  const running = await startExporter(config, { db, log, migrate: opts.migrate });
  return { running, lines };
}

/**
 * Holds an exclusive lock on the points table (on PGlite: the one connection) until released, so that
 * writes stay in flight for as long as a test needs.
 */
async function holdPointsTable(db: Db): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const done = db.transaction(async (tx) => {
    await tx.query('LOCK TABLE points IN EXCLUSIVE MODE');
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

async function until(cond: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function batch(n: number, metric: string) {
  return {
    points: Array.from({ length: n }, (_, i) => ({
      modelName: 'ops',
      metricName: metric,
      shard: String(i % 10),
      value: i,
      timestamp: Date.parse('2026-06-01T00:00:00Z') + i * 1000,
    })),
  };
}

async function countPoints(db: Db, metric: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM points p JOIN series s ON s.id = p.series_id WHERE s.metric = $1',
    [metric],
  );
  return rows[0].n;
}

describe(`liveness, readiness, request ids and logs [${backend}]`, () => {
  let testDb: TestDb;
  let running: RunningExporter;
  let lines: string[];
  let key: string;

  beforeAll(async () => {
    testDb = await openTestDb(backend);
    ({ running, lines } = await startLogged(testDb.db));
    key = (await createApiKey(testDb.db, 'org-a', 'a', ['ingest', 'read'])).key;
  });
  afterAll(async () => {
    await running?.stop();
    await testDb?.close();
  });

  it('answers /health and /ready', async () => {
    expect(await call(running.url, 'GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call(running.url, 'GET', '/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: testDb.db.kind },
    });
  });

  it('echoes the request id and logs it with the request, as JSON', async () => {
    const r = await call(running.url, 'GET', '/api/v1/whoami', {
      key,
      headers: { 'x-request-id': 'req-lifecycle-1' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('req-lifecycle-1');
    // without one, the exporter makes one and answers it, in the header and in an error body
    const bad = await call(running.url, 'GET', '/api/v1/series?limit=0', { key });
    const generated = bad.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(bad.body.requestId).toBe(generated);

    await sleep(50); // pino writes synchronously, the response hook may finish just after the answer
    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.every((l) => typeof l.level === 'number' && typeof l.time === 'number')).toBe(true);
    expect(logs.every((l) => l.service === 'kpilens-exporter')).toBe(true);
    const mine = logs.filter((l) => l.reqId === 'req-lifecycle-1');
    expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(mine.find((l) => l.msg === 'request completed')).toMatchObject({ res: { statusCode: 200 } });
    expect(logs.some((l) => l.reqId === generated)).toBe(true);
    // the API key never reaches the logs
    expect(lines.join('\n')).not.toContain(key.slice(3));
  });
});

describe(`/ready when the database is not [${backend}]`, () => {
  it('is 503 with the reason while migrations are pending, 200 once applied', async () => {
    const testDb = await openTestDb(backend, { migrate: false });
    const { running } = await startLogged(testDb.db, { migrate: false });
    try {
      const r = await call(running.url, 'GET', '/ready');
      expect(r.status).toBe(503);
      expect(r.body.reason).toMatch(/migrations pending: 1\b.*kpilens migrate/);
      expect((await call(running.url, 'GET', '/health')).status).toBe(200);
      await migrate(testDb.db);
      expect((await call(running.url, 'GET', '/ready')).status).toBe(200);
    } finally {
      await running.stop();
      await testDb.close();
    }
  });

  it('is 503 with the reason when the database is unreachable; /health stays 200, the API answers 503', async () => {
    // nothing listens on this port: every connection attempt is refused
    const db = new PgDb({
      connectionString: `postgresql://postgres@127.0.0.1:${await freePort()}/none`,
      max: 2,
      connectionTimeoutMillis: 2000,
      statementTimeoutMillis: 5000,
    });
    const { running } = await startLogged(db, { migrate: false });
    try {
      const r = await call(running.url, 'GET', '/ready');
      expect(r.status).toBe(503);
      expect(r.body.reason).toMatch(/database unreachable/);
      expect((await call(running.url, 'GET', '/health')).status).toBe(200);
      const api = await call(running.url, 'GET', '/api/v1/whoami', {
        key: `kl_${'a'.repeat(12)}_${'b'.repeat(43)}`,
      });
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await running.stop();
      await db.close();
    }
  });
});

describe(`rate limit per API key [${backend}]`, () => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend, { KPILENS_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => t?.stop());

  it('answers 429 with Retry-After above the limit, per key, and never limits health or metrics', async () => {
    for (let i = 0; i < 3; i++)
      expect((await call(t.url, 'GET', '/api/v1/whoami', { key: t.keyA })).status).toBe(200);
    const r = await call(t.url, 'GET', '/api/v1/whoami', { key: t.keyA });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(r.body.message).toMatch(/rate limit of 3 requests/);
    // writes count against the same key
    const w = await call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: batch(1, 'rl') });
    expect(w.status).toBe(429);
    // another key (another organization) has its own budget
    expect((await call(t.url, 'GET', '/api/v1/whoami', { key: t.keyB })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await call(t.url, 'GET', '/health')).status).toBe(200);
      expect((await call(t.url, 'GET', '/metrics')).status).toBe(200);
    }
  });
});

eachBackend('back-pressure and graceful shutdown', (b) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(b, {
      KPILENS_DB_MAX_QUEUED_WRITES: '0',
      KPILENS_DB_POOL_MAX: '1',
      // keys verified once, so that a held lock only stops the writes, not the authentication
      KPILENS_KEY_CACHE_TTL_MS: '600000',
    });
    for (const key of [t.keyA, t.keyB])
      expect((await call(t.url, 'GET', '/api/v1/whoami', { key })).status).toBe(200);
  });
  // a failed expectation must not leave the table locked (the suite would hang until its timeout)
  let release: () => Promise<void> = async () => undefined;
  afterEach(() => release());
  afterAll(async () => t?.stop());

  it('refuses a write with 503 and Retry-After when the database is saturated, instead of queueing it', async () => {
    const gate = t.running.ctx.writeGate;
    // the exporter lets 1 write run on a 1-connection PostgreSQL pool, 2 on PGlite
    const slots = b === 'pglite' ? 2 : 1;
    release = await holdPointsTable(t.testDb.db);
    const blocked = Array.from({ length: slots }, (_, i) =>
      call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: batch(50, `held${i}`) }),
    );
    await until(() => gate.inFlight === slots, 'the blocked writes');
    const refused = await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyB,
      body: batch(50, 'refused'),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.message).toMatch(/saturated/);
    // reads are not writes: they still answer
    expect((await call(t.url, 'GET', '/api/v1/whoami', { key: t.keyB })).status).toBe(200);
    await release();
    for (const r of await Promise.all(blocked)) expect(r.status).toBe(200);
    expect(await countPoints(t.testDb.db, 'refused')).toBe(0);
    const retried = await call(t.url, 'POST', '/api/v1/points/batch', {
      key: t.keyB,
      body: batch(50, 'refused'),
    });
    expect(retried.status).toBe(200);
    expect(await countPoints(t.testDb.db, 'refused')).toBe(50);
  });

  it('finishes an in-flight write on stop() before it resolves, and refuses new requests meanwhile', async () => {
    release = await holdPointsTable(t.testDb.db);
    let writeDone = 0;
    const big = call(t.url, 'POST', '/api/v1/points/batch', { key: t.keyA, body: batch(20000, 'big') }).then(
      (r) => ((writeDone = performance.now()), r),
    );
    await until(() => t.running.ctx.writeGate.inFlight === 1, 'the large write');
    let stopDone = 0;
    const stopping = t.running.stop().then(() => (stopDone = performance.now()));
    await sleep(100);
    expect(stopDone).toBe(0);
    // a new request during shutdown: refused (503 on a kept-alive connection, or no connection at all)
    // (a fetch error comes from another realm than jest's Error: keep its status as 0 instead)
    const late = await call(t.url, 'GET', '/health').catch(() => ({ status: 0 }));
    expect([0, 503]).toContain(late.status);
    await release();
    const r = await big;
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 20000, inserted: 20000 });
    await stopping;
    // stop() resolved because every connection closed, not because the shutdown timeout ran out
    const open = await new Promise<number>((r) => t.running.app.server.getConnections((_e, n) => r(n)));
    expect(open).toBe(0);
    expect(writeDone).toBeGreaterThan(0);
    expect(writeDone).toBeLessThanOrEqual(stopDone);
    expect(await countPoints(t.testDb.db, 'big')).toBe(20000);
  });
});
