import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoGenerator } from '../src/demo/generate';
import { issueDemoKey, loadDemo, type LoadOptions } from '../src/demo/load';
import { HOUR_MS, floorHour, historyEnd } from '../src/demo/timeline';
import { listApiKeys } from '../src/store/api-keys';
import { eachBackend, openTestDb, type TestDb } from './support/backends';
import { call } from './support/exporter-harness';

const bounds = { minMs: Date.parse('1990-01-01'), maxFutureSkewMs: 24 * HOUR_MS };

async function count(t: TestDb, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(sql, params);
  return rows[0].n;
}

eachBackend('demo loader', (backend) => {
  let t: TestDb;
  let orgId: number;
  const nowMs = Date.now();
  const opts = (over: Partial<LoadOptions> = {}): LoadOptions => ({
    orgId,
    nowMs,
    days: 21,
    seed: 11,
    bounds,
    ...over,
  });

  beforeAll(async () => {
    t = await openTestDb(backend);
    orgId = (await issueDemoKey(t.db, 'demo')).orgId;
  });
  afterAll(async () => t?.close());

  // PostgreSQL databases and PGlite directories take seconds to create: more than jest's default.
  jest.setTimeout(60_000);

  it('loads the history of an empty organization, with its rollups', async () => {
    const r = await loadDemo(t.db, opts());
    expect(r.mode).toBe('history');
    expect(r.toMs).toBe(floorHour(nowMs));
    expect(r.toMs - r.fromMs).toBe(21 * 24 * HOUR_MS);
    expect(r.inserted).toBe(r.points);
    expect(await count(t, 'SELECT count(*)::int AS n FROM series WHERE org_id = $1', [orgId])).toBe(276);
    expect(await count(t, 'SELECT count(*)::int AS n FROM points')).toBe(r.points);
    expect(await count(t, 'SELECT count(*)::int AS n FROM rollup_queue')).toBe(0);
    expect(
      await count(t, 'SELECT count(DISTINCT bucket)::int AS n FROM rollups WHERE resolution = 86400'),
    ).toBeGreaterThanOrEqual(21);
  });

  it('loads nothing twice on a re-run, and only the missing hours later on', async () => {
    const before = await count(t, 'SELECT count(*)::int AS n FROM points');
    const again = await loadDemo(t.db, opts({ days: 5 }));
    expect(again.mode).toBe('catch-up');
    // The spec comes back from the stored data, whatever --days says now.
    expect(again.spec.days).toBe(21);
    expect(again.inserted).toBe(0);
    expect(await count(t, 'SELECT count(*)::int AS n FROM points')).toBe(before);

    const later = await loadDemo(t.db, opts({ nowMs: nowMs + 3 * HOUR_MS }));
    const end = floorHour(nowMs);
    expect(later.inserted).toBe(new DemoGenerator(later.spec).range(end, end + 3 * HOUR_MS).length);
    expect(await count(t, 'SELECT count(*)::int AS n FROM points')).toBe(before + later.inserted);
  });

  it('stores the incidents of the manifest with their direction', async () => {
    const spec = (await loadDemo(t.db, opts())).spec;
    const incidents = new DemoGenerator(spec).incidents;
    expect(incidents.map((i) => i.id)).toEqual([
      'card-payment-failure-spike',
      'signup-completion-regression',
    ]);
    expect(historyEnd(spec)).toBe(floorHour(nowMs));
    const avg = async (model: string, metric: string, dims: object, from: number, to: number) => {
      const { rows } = await t.db.query<{ v: number }>(
        `SELECT avg(p.value)::float8 AS v FROM points p JOIN series s ON s.id = p.series_id
         WHERE s.org_id = $1 AND s.model = $2 AND s.metric = $3 AND s.dimensions = $4::jsonb
           AND p.ts >= to_timestamp($5::float8) AND p.ts < to_timestamp($6::float8)`,
        [orgId, model, metric, JSON.stringify(dims), from / 1000, to / 1000],
      );
      return rows[0].v;
    };
    for (const inc of incidents) {
      const during = await avg(inc.model, inc.metric, inc.dimensions, inc.startMs, inc.endMs);
      const weekBefore = 7 * 24 * HOUR_MS;
      const before = await avg(
        inc.model,
        inc.metric,
        inc.dimensions,
        inc.startMs - weekBefore,
        inc.endMs - weekBefore,
      );
      const change = during / before - 1;
      expect({ id: inc.id, up: change > 0 }).toEqual({ id: inc.id, up: inc.direction === 'up' });
      expect(Math.abs(change)).toBeGreaterThan(Math.abs(inc.magnitude) / 2);
    }
  });

  it('resumes an interrupted load where it stopped', async () => {
    const other = (await issueDemoKey(t.db, 'demo-resume')).orgId;
    const abort = new AbortController();
    const cut = await loadDemo(
      t.db,
      opts({ orgId: other, days: 7, signal: abort.signal, onProgress: () => abort.abort() }),
    );
    expect(cut.interrupted).toBe(true);
    // One chunk of 72 hours was written before the stop.
    expect(cut.points).toBe(new DemoGenerator(cut.spec).range(cut.fromMs, cut.fromMs + 72 * HOUR_MS).length);
    const rest = await loadDemo(t.db, opts({ orgId: other, days: 7 }));
    expect(rest).toMatchObject({ mode: 'catch-up', interrupted: false, spec: cut.spec });
    const stored = await count(
      t,
      'SELECT count(*)::int AS n FROM points p JOIN series s ON s.id = p.series_id WHERE s.org_id = $1',
      [other],
    );
    expect(stored).toBe(new DemoGenerator(cut.spec).range(cut.fromMs, cut.toMs).length);
  });

  it('replaces the demo key on every start instead of piling keys up', async () => {
    const first = await issueDemoKey(t.db, 'demo');
    const second = await issueDemoKey(t.db, 'demo');
    expect(second.revoked).toEqual([first.keyId]);
    const active = (await listApiKeys(t.db, 'demo')).filter((k) => !k.revokedAt);
    expect(active.map((k) => k.keyId)).toEqual([second.keyId]);
  });
});

/** Runs `kpilens demo` as `npm start` does and collects what it prints. */
class DemoProcess {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(dataDir: string) {
    this.proc = spawn(
      process.execPath,
      [
        join(__dirname, '..', 'bin', 'kpilens.js'),
        'demo',
        '--days',
        '3',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--live-interval',
        '1',
      ],
      { env: { ...process.env, KPILENS_DATA_DIR: dataDir, KPILENS_LOG_LEVEL: 'warn' } },
    );
    this.proc.stdout!.on('data', (b: Buffer) => (this.stdout += b.toString()));
    this.proc.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString()));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
  }

  async ready(): Promise<{ url: string; key: string }> {
    const deadline = Date.now() + 90_000;
    while (!this.stdout.includes('Feeding live points')) {
      if (this.proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`demo did not start:\n${this.stdout}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /API {6}(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(this.stdout)?.[1];
    const key = /^ {2}(kl_[a-z0-9]{12}_[A-Za-z0-9_-]{43})$/m.exec(this.stdout)?.[1];
    if (!url || !key) throw new Error(`no URL or key printed:\n${this.stdout}`);
    return { url, key };
  }

  async stop(): Promise<number | null> {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
    return this.exited;
  }
}

describe('kpilens demo (what npm start runs)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kpilens-demo-'));
  const running: DemoProcess[] = [];
  afterAll(async () => {
    for (const p of running) if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves demo data with a printed key, feeds live points and stops cleanly', async () => {
    const demo = new DemoProcess(dataDir);
    running.push(demo);
    const { url, key } = await demo.ready();
    expect(demo.stdout).toMatch(/Loaded 3 days of demo history/);
    expect(demo.stdout).toMatch(/200 demo accounts with a year of invoices and payments/);
    expect(demo.stdout).toContain(`${url}/metrics`);
    expect(demo.stdout).toContain(`curl -H "Authorization: Bearer ${key}"`);
    const accounts = await call(url, 'GET', '/api/v1/accounts?limit=1', { key });
    expect(accounts.body.accounts[0].id).toBe('cust_0001');
    const score = await call(url, 'GET', '/api/v1/accounts/cust_0001/score', { key });
    expect(score.status).toBe(200);
    expect(score.body.modelVersion).toBe('credit-default/v1');

    const path =
      '/api/v1/series?model=marketing&metric=impressions&dim.platform=tiktok&dim.campaignId=brand_awareness';
    const first = await call(url, 'GET', path, { key });
    expect(first.status).toBe(200);
    expect(first.body.series).toHaveLength(1);
    // The history ends with the last complete hour; the hour in progress only comes from the live feed.
    expect(Date.parse(first.body.series[0].lastTimestamp)).toBeGreaterThanOrEqual(
      floorHour(Date.now() - 60_000),
    );
    let next = first;
    const deadline = Date.now() + 20_000;
    while (
      next.body.series[0].lastValue === first.body.series[0].lastValue &&
      next.body.series[0].lastTimestamp === first.body.series[0].lastTimestamp &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 500));
      next = await call(url, 'GET', path, { key });
    }
    expect(next.body.series[0]).not.toEqual(first.body.series[0]);
    expect(await demo.stop()).toBe(0);

    // A second start keeps the data, replaces the key (the old one stops working).
    const again = new DemoProcess(dataDir);
    running.push(again);
    const second = await again.ready();
    expect(again.stdout).toMatch(/Demo history already loaded/);
    expect((await call(second.url, 'GET', path, { key: second.key })).status).toBe(200);
    expect((await call(second.url, 'GET', path, { key })).status).toBe(401);
    expect(await again.stop()).toBe(0);
  }, 180_000);
});
