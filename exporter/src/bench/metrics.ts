// `/metrics` scrape time with the series budget full, over HTTP, against prom-client rendering the same
// kpi_value samples in this process on every call (the naive way: what a scrape costs without a snapshot).
import { Gauge, Registry } from 'prom-client';
import { loadConfig } from '../config';
import { kpiLabels, labelName } from '../metrics/kpi-labels';
import { benchApiKey, startBenchPostgres, startExporterProcess } from './environment';
import { BenchClient } from './http-client';
import { timeRow, type BenchRow } from './report';
import { quantile, timeMs } from './stats';

export interface MetricsBenchOptions {
  /** KPI series stored and exported (KPILENS_SERIES_BUDGET) */
  series: number;
  scrapes: number;
  log?: (line: string) => void;
}

export const METRICS_DEFAULTS: MetricsBenchOptions = { series: 5000, scrapes: 100 };

const PLATFORMS = ['meta', 'google', 'tiktok', 'linkedin', 'x'];

/** The same kpi_value samples the exporter renders (same label sets, via kpiLabels), in a registry here. */
async function renderLocally(series: number, runs: number): Promise<number> {
  const dims = loadConfig({}).metricDimensions;
  const registry = new Registry();
  const gauge = new Gauge({
    name: 'kpi_value',
    help: 'Latest value of each KPI series',
    labelNames: ['org', 'model', 'metric', ...dims.map(labelName)],
    registers: [registry],
  });
  for (let i = 0; i < series; i++) {
    const dimensions = { platform: PLATFORMS[i % 5], campaignId: `c${i}` };
    const row = { org: 'bench', model: 'marketing', metric: `m${i % 10}`, dimensions, value: i * 1.5 };
    gauge.set(kpiLabels(row, dims)!, row.value);
  }
  for (let i = 0; i < 5; i++) await registry.metrics();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeMs(() => registry.metrics()));
  return quantile(samples, 0.5);
}

export async function runMetricsBenchmark(options: Partial<MetricsBenchOptions> = {}): Promise<BenchRow[]> {
  const o = { ...METRICS_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const pg = await startBenchPostgres(2);
  try {
    await benchApiKey(pg.db);
    await pg.db.query(
      `INSERT INTO series (org_id, model, metric, dimensions, series_key, last_ts, last_value)
       SELECT o.id, 'marketing', 'm' || (g % 10),
              jsonb_build_object('platform', (ARRAY['meta','google','tiktok','linkedin','x'])[g % 5 + 1], 'campaignId', 'c' || g),
              'bench-' || g, now(), g * 1.5
       FROM organizations o, generate_series(0, $1::int - 1) g WHERE o.slug = 'bench'`,
      [o.series],
    );
    const exporter = await startExporterProcess({
      DATABASE_URL: pg.url,
      KPILENS_SERIES_BUDGET: String(o.series),
    });
    const client = new BenchClient(exporter.url, undefined, 1);
    const samples: number[] = [];
    try {
      const body = await client.ok('GET', '/metrics');
      const exported = Number(/^kpi_series_exported (\d+)/m.exec(body)?.[1]);
      if (exported !== o.series)
        throw new Error(`expected ${o.series} exported series, /metrics says ${exported}`);
      log(`metrics: ${o.series} KPI series exported, ${Math.round(body.length / 1024)} KiB per scrape`);
      for (let i = 0; i < 10; i++) await client.ok('GET', '/metrics');
      for (let i = 0; i < o.scrapes; i++) samples.push(await timeMs(() => client.ok('GET', '/metrics')));
    } finally {
      client.close();
      await exporter.stop();
    }
    const local = await renderLocally(o.series, o.scrapes);
    const name = `${o.series} series`;
    return [
      timeRow(
        `/metrics scrape p50, ${name}`,
        quantile(samples, 0.5),
        'prom-client rendering the same samples per scrape, in process',
        local,
      ),
      timeRow(
        `/metrics scrape p95, ${name}`,
        quantile(samples, 0.95),
        'prom-client rendering the same samples per scrape, in process',
        local,
      ),
    ];
  } finally {
    await pg.close();
  }
}
