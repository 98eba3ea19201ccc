import { PG_BIN } from './support/postgres-server';
import type { BackendName } from './support/backends';
import { describeIfBinaries } from './support/binaries';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { HOUR, hourlyPoints, writeHistory } from './support/kpi-history';
import { PROMETHEUS_BIN, PrometheusServer } from './support/prometheus-server';

const backend: BackendName = PG_BIN.initdb && PG_BIN.postgres ? 'postgres' : 'pglite';
const TOKEN = 'metrics-token-0123456789';
jest.setTimeout(120000);

describeIfBinaries([PROMETHEUS_BIN.prometheus], 'prometheus')(
  'analysis metrics through a real Prometheus',
  () => {
    let t: TestExporter;
    let prom: PrometheusServer;

    beforeAll(async () => {
      t = await startTestExporter(backend, { KPILENS_METRICS_TOKEN: TOKEN });
      prom = await PrometheusServer.start({ target: new URL(t.url).host, token: TOKEN });
      // 50 days of hourly history up to the last complete hour; the Google CPC rises by 60 % for its last
      // ten hours (an incident going on now), the Meta one stays calm; the ad set series has a dimension
      // outside KPILENS_METRIC_DIMENSIONS.
      const start = Math.floor(Date.now() / HOUR) * HOUR - 1200 * HOUR;
      const orgA = (
        await t.testDb.db.query<{ id: number }>(`SELECT id FROM organizations WHERE slug = 'org-a'`)
      ).rows[0].id;
      await writeHistory(t.testDb.db, orgA, [
        ...hourlyPoints(
          'marketing',
          'cpc',
          { platform: 'google' },
          1200,
          7,
          { from: 1190, to: 1200, factor: 1.6 },
          start,
        ),
        ...hourlyPoints('marketing', 'cpc', { platform: 'meta' }, 1200, 11, undefined, start),
        ...hourlyPoints('marketing', 'cpc', { platform: 'meta', adSet: 'x' }, 1200, 13, undefined, start),
      ]);
    });
    afterAll(async () => {
      await prom?.stop();
      await t?.stop();
    });

    it('exports the anomaly score of each exported series and counts the insights opened', async () => {
      const r = await call(t.url, 'POST', '/api/v1/models/marketing/analyze', { key: t.keyA });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ran: true, seriesAnalysed: 3 });
      expect(r.body.opened).toBeGreaterThanOrEqual(1);
      await t.running.ctx.metrics.refreshKpiSnapshot();

      const scores = await prom.waitFor(
        'kpi_anomaly_score{model="marketing",metric="cpc"}',
        (s) => s.length === 2,
      );
      const byPlatform = Object.fromEntries(scores.map((s) => [s.metric.platform, Number(s.value[1])]));
      // The ad set series has a dimension outside KPILENS_METRIC_DIMENSIONS: not exported, as for kpi_value.
      expect(Object.keys(byPlatform).sort()).toEqual(['google', 'meta']);
      expect(scores.every((s) => s.metric.org === 'org-a' && !('ad_set' in s.metric))).toBe(true);
      for (const v of Object.values(byPlatform)) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of Object.values(byPlatform)) expect(v).toBeLessThanOrEqual(1);

      // The forecast of each exported series: expected value and interval, 7, 30 and 90 days ahead.
      const fc = await prom.waitFor('kpi_forecast{model="marketing",metric="cpc"}', (x) => x.length === 18);
      const band = (bound: string, horizon: string) =>
        Number(
          fc.find(
            (x) => x.metric.platform === 'google' && x.metric.bound === bound && x.metric.horizon === horizon,
          )!.value[1],
        );
      for (const h of ['7d', '30d', '90d']) {
        expect(band('lower', h)).toBeLessThanOrEqual(band('yhat', h));
        expect(band('yhat', h)).toBeLessThanOrEqual(band('upper', h));
      }
      // The interval widens with the horizon.
      expect(band('upper', '90d') - band('lower', '90d')).toBeGreaterThan(
        band('upper', '7d') - band('lower', '7d'),
      );
      expect(fc.every((x) => !('ad_set' in x.metric))).toBe(true);

      // CPC up is bad for marketing: the incident is a warning or critical insight, counted once.
      const opened = await prom.waitFor('kpi_alerts_triggered_total{model="marketing"}', (s) => s.length > 0);
      const total = opened.reduce((n, s) => n + Number(s.value[1]), 0);
      expect(total).toBe(r.body.opened);
      expect(opened.some((s) => ['warning', 'critical'].includes(s.metric.severity))).toBe(true);
      const insights = await call(t.url, 'GET', '/api/v1/insights?status=active', { key: t.keyA });
      const google = insights.body.insights.filter(
        (i: { type: string; series: { dimensions: Record<string, string> } }) =>
          i.type === 'anomaly' && i.series.dimensions.platform === 'google',
      );
      expect(google).toHaveLength(1);

      // A re-run opens nothing: the counter stays.
      await call(t.url, 'POST', '/api/v1/models/marketing/analyze', { key: t.keyA });
      const again = await prom.waitFor('kpi_alerts_triggered_total{model="marketing"}', (s) => s.length > 0);
      expect(again.reduce((n, s) => n + Number(s.value[1]), 0)).toBe(total);
      const runs = await prom.waitFor(
        'kpi_analysis_last_run_success{model="marketing"}',
        (s) => s.length === 1,
      );
      expect(runs[0].value[1]).toBe('1');
    });
  },
);
