import { spawnSync } from 'node:child_process';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PG_BIN } from './support/postgres-server';
import type { BackendName } from './support/backends';
import { describeIfBinaries } from './support/binaries';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { PROMETHEUS_BIN, PrometheusServer } from './support/prometheus-server';

// PostgreSQL starts faster than PGlite; the Prometheus side does not depend on the backend.
const backend: BackendName = PG_BIN.initdb && PG_BIN.postgres ? 'postgres' : 'pglite';
const TOKEN = 'metrics-token-0123456789';
// testTimeout in a project config is ignored by a multi-project run: set it here.
jest.setTimeout(60000);

/** The names prom-client's collectDefaultMetrics registers (process_*, nodejs_*): not ours to lint. */
async function defaultMetricNames(): Promise<Set<string>> {
  const r = new Registry();
  collectDefaultMetrics({ register: r });
  return new Set((await r.getMetricsAsJSON()).map((m) => m.name));
}

/** The exposition text without the families named in `drop` (a family = its HELP, TYPE and sample lines). */
function withoutFamilies(text: string, drop: Set<string>): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    const m = /^# (?:HELP|TYPE) (\S+)/.exec(line);
    if (m) skipping = drop.has(m[1]);
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

/** Sample lines of one metric name: [labels text, value]. */
function samples(text: string, name: string): Array<[string, number]> {
  const re = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`);
  return text
    .split('\n')
    .map((l) => re.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1] ?? '', Number(m[2])]);
}

async function ingest(t: TestExporter, key: string, points: object[]): Promise<void> {
  const r = await call(t.url, 'POST', '/api/v1/points/batch', { key, body: { points } });
  expect(r.status).toBe(200);
}

describeIfBinaries([PROMETHEUS_BIN.prometheus, PROMETHEUS_BIN.promtool], 'prometheus')(
  'a real Prometheus scraping the exporter',
  () => {
    let t: TestExporter;
    let prom: PrometheusServer;
    const metrics = (token = TOKEN) =>
      call(t.url, 'GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });

    beforeAll(async () => {
      t = await startTestExporter(backend, { KPILENS_METRICS_TOKEN: TOKEN });
      prom = await PrometheusServer.start({ target: new URL(t.url).host, token: TOKEN });
    });
    afterAll(async () => {
      await prom?.stop();
      await t?.stop();
    });

    it('serves the latest value of each KPI series and the ingestion counters through the Prometheus API', async () => {
      const ts = Date.now() - 60000;
      await ingest(t, t.keyA, [
        {
          modelName: 'marketing',
          metricName: 'ctr',
          value: 1.5,
          platform: 'instagram',
          timestamp: ts - 1000,
        },
        { modelName: 'marketing', metricName: 'ctr', value: 2.5, platform: 'instagram', timestamp: ts },
        { modelName: 'marketing', metricName: 'ctr', value: 4, platform: 'tiktok', timestamp: ts },
        // per-entity: accountId is not among KPILENS_METRIC_DIMENSIONS
        { modelName: 'payments', metricName: 'late_days', value: 7, accountId: 'acc_1', timestamp: ts },
      ]);
      await ingest(t, t.keyB, [
        { modelName: 'marketing', metricName: 'ctr', value: 9, platform: 'instagram' },
      ]);
      // the background snapshot runs every 5 s; refresh now instead of waiting for it
      await t.running.ctx.metrics.refreshKpiSnapshot();

      const ctr = await prom.waitFor('kpi_value{model="marketing",metric="ctr"}', (r) => r.length === 3);
      const byKey = Object.fromEntries(
        ctr.map((s) => [`${s.metric.org}/${s.metric.platform}`, Number(s.value[1])]),
      );
      expect(byKey).toEqual({ 'org-a/instagram': 2.5, 'org-a/tiktok': 4, 'org-b/instagram': 9 });
      // empty labels (dimensions a series does not have) are absent in Prometheus
      expect(ctr[0].metric).not.toHaveProperty('campaign_id');
      expect(ctr[0].metric.job).toBe('kpilens');

      const ingestion = await prom.waitFor(
        'kpi_ingestion_total{status="accepted"}',
        (r) => r.length === 2 && r.some((s) => s.metric.model === 'marketing' && s.value[1] === '4'),
      );
      expect(Object.fromEntries(ingestion.map((s) => [s.metric.model, s.value[1]]))).toEqual({
        marketing: '4',
        payments: '1',
      });
      // the per-entity series is stored and counted, never exported
      expect(await prom.query('kpi_value{model="payments"}')).toEqual([]);
      expect(await prom.query('{account_id!=""}')).toEqual([]);
      expect(Number((await prom.waitFor('kpi_series_omitted', (r) => r.length === 1))[0].value[1])).toBe(1);
      expect((await prom.query('up{job="kpilens"}'))[0].value[1]).toBe('1');

      // the gauge is the latest value: a backfilled older point does not replace it, a newer one does;
      // label values that need escaping arrive intact
      const odd = 'say "hi" \\ über\nnext';
      await ingest(t, t.keyA, [
        {
          modelName: 'marketing',
          metricName: 'ctr',
          value: 100,
          platform: 'instagram',
          timestamp: ts - 3600000,
        },
        { modelName: 'marketing', metricName: 'ctr', value: 5, platform: 'tiktok', timestamp: ts + 1000 },
        { modelName: 'marketing', metricName: 'ctr', value: 6, platform: odd, timestamp: ts },
      ]);
      await t.running.ctx.metrics.refreshKpiSnapshot();
      const later = await prom.waitFor('kpi_value{org="org-a",metric="ctr"}', (r) => r.length === 3);
      expect(Object.fromEntries(later.map((s) => [s.metric.platform, Number(s.value[1])]))).toEqual({
        instagram: 2.5,
        tiktok: 5,
        [odd]: 6,
      });
    });

    it('passes promtool check metrics on its own metrics (prom-client defaults excluded)', async () => {
      const r = await metrics();
      expect(r.status).toBe(200);
      const own = withoutFamilies(r.body as string, await defaultMetricNames());
      for (const name of ['kpi_value', 'kpi_ingestion_total', 'kpi_series_omitted', 'kpilens_build_info'])
        expect(own).toContain(`# TYPE ${name} `);
      expect(own).not.toMatch(/^(process|nodejs)_/m);
      const lint = spawnSync(PROMETHEUS_BIN.promtool!, ['check', 'metrics'], {
        input: own,
        encoding: 'utf8',
      });
      expect({ status: lint.status, out: lint.stdout + lint.stderr }).toEqual({ status: 0, out: '' });
    });

    it('requires KPILENS_METRICS_TOKEN on /metrics when it is set', async () => {
      const none = await call(t.url, 'GET', '/metrics');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await metrics('wrong-token-0123456789')).status).toBe(401);
      expect((await metrics(TOKEN.slice(0, -1))).status).toBe(401);
      expect((await metrics()).status).toBe(200);
      // an API key is not the metrics token
      expect((await call(t.url, 'GET', '/metrics', { key: t.keyA })).status).toBe(401);
    });
  },
);

describe(`series budget and per-entity dimensions on /metrics [${backend}]`, () => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend, { KPILENS_SERIES_BUDGET: '3' });
  });
  afterAll(async () => t?.stop());

  it('exports at most KPILENS_SERIES_BUDGET series, counts the rest, and says so in HELP', async () => {
    const ts = Date.now() - 60000;
    const campaigns = ['c1', 'c2', 'c3', 'c4', 'c5'].map((c, i) => ({
      modelName: 'marketing',
      metricName: 'clicks',
      value: i,
      campaignId: c,
      timestamp: ts + i * 1000,
    }));
    // no dimensions: first in the budget however old its value
    const total = { modelName: 'marketing', metricName: 'clicks', value: 42, timestamp: ts - 3600000 };
    const entities = ['u1', 'u2'].map((u) => ({
      modelName: 'onboarding',
      metricName: 'steps',
      value: 1,
      userId: u,
      timestamp: ts,
    }));
    await ingest(t, t.keyA, [...campaigns, total, ...entities]);
    await t.running.ctx.metrics.refreshKpiSnapshot();
    const text = (await call(t.url, 'GET', '/metrics')).body as string;

    const values = samples(text, 'kpi_value');
    // as HELP says: fewest dimensions first, then the most recently updated
    expect(values.map(([labels, v]) => [/campaign_id="(\w*)"/.exec(labels)?.[1] ?? '', v]).sort()).toEqual([
      ['', 42],
      ['c4', 3],
      ['c5', 4],
    ]);
    expect(values.every(([labels]) => !/user_id|account_id/.test(labels))).toBe(true);
    expect(samples(text, 'kpi_series')).toEqual([['', 8]]);
    expect(samples(text, 'kpi_series_exported')).toEqual([['', 3]]);
    expect(samples(text, 'kpi_series_omitted')).toEqual([['', 5]]);
    expect(samples(text, 'kpi_series_budget')).toEqual([['', 3]]);
    const help = /^# HELP kpi_value (.*)$/m.exec(text)?.[1] ?? '';
    expect(help).toMatch(/At most 3 series/);
    expect(help).toMatch(/KPILENS_SERIES_BUDGET/);
    expect(help).toMatch(/kpi_series_omitted/);
    expect(/^# HELP kpi_series_omitted (.*)$/m.exec(text)?.[1]).toMatch(/budget.*per-entity/);
  });

  it('keeps a series out of Prometheus as soon as it has a per-entity dimension', async () => {
    await ingest(t, t.keyA, [
      { modelName: 'payments', metricName: 'amount', value: 5, accountId: 'acc_9', currency: 'EUR' },
    ]);
    await t.running.ctx.metrics.refreshKpiSnapshot();
    const text = (await call(t.url, 'GET', '/metrics')).body as string;
    expect(text).not.toMatch(/acc_9|account_id/);
    expect(samples(text, 'kpi_series_omitted')).toEqual([['', 6]]);
    // no metrics token configured here: /metrics is open
    expect(samples(text, 'kpi_series_exported')).toEqual([['', 3]]);
  });
});
