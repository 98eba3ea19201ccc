// Anomaly band latency: `GET /api/v1/anomaly-band` over 180 days for 10 hourly series (what a Grafana panel
// of the band asks on each refresh), against `GET /api/v1/query` of the same series, range and buckets
// (the observed values alone) in the same run: the ratio is what the band costs on top of a plain read.
import { bandOrigin } from '../analysis/anomaly-band';
import type { PgDb } from '../db/pg-db';
import { runRollups } from '../store/rollups';
import { benchApiKey, startBenchPostgres, startExporterProcess } from './environment';
import { BenchClient } from './http-client';
import { timeRow, type BenchRow } from './report';
import { quantile, timeMs } from './stats';

export interface BandBenchOptions {
  series: number;
  /** days of the range asked (the store also holds the detector's warm-up before it) */
  days: number;
  queries: number;
  log?: (line: string) => void;
}

export const BAND_DEFAULTS: BandBenchOptions = { series: 10, days: 180, queries: 20 };

const HOUR_MS = 3_600_000;
const MODEL = 'bench';

export interface BandBenchResult {
  rows: BenchRow[];
  points: number;
  /** the first band request after the exporter started (nothing computed before) */
  firstMs: number;
}

/** Hourly points of `series` series (a daily cycle, deterministic noise, a dip) and their rollups. */
async function loadStore(db: PgDb, o: BandBenchOptions, fromMs: number, toMs: number) {
  const pool = db.rawPool;
  await pool.query(`INSERT INTO organizations (slug, name) VALUES ('bench', 'bench') ON CONFLICT DO NOTHING`);
  await pool.query(
    `INSERT INTO series (org_id, model, metric, dimensions, series_key)
     SELECT o.id, $1, 'm0', jsonb_build_object('region', 'r' || g),
            format('[%s,"m0",[["region","r%s"]]]', to_json($1::text), g)
     FROM organizations o, generate_series(0, $2 - 1) g WHERE o.slug = 'bench'`,
    [MODEL, o.series],
  );
  const hours = Math.round((toMs - fromMs) / HOUR_MS);
  await pool.query(
    `INSERT INTO points (series_id, ts, value)
     SELECT s.id, to_timestamp($1::float8) + make_interval(hours => i),
            100 + 30 * sin(2 * pi() * (i % 24) / 24.0) + ((i * 7919 + s.id * 104729) % 97) / 20.0
              - CASE WHEN i % 500 BETWEEN 200 AND 212 THEN 40 ELSE 0 END
     FROM series s, generate_series(0, $2::int - 1) i ORDER BY s.id, i`,
    [fromMs / 1000, hours],
  );
  await pool.query(
    `INSERT INTO rollup_queue (series_ids, from_s, to_s)
     SELECT array_agg(id), array_agg($1::float8), array_agg($2::float8) FROM series`,
    [fromMs / 1000, toMs / 1000],
  );
  while ((await runRollups(db, { batch: 4 })) > 0);
  return hours * o.series;
}

export async function runBandBenchmark(options: Partial<BandBenchOptions> = {}): Promise<BandBenchResult> {
  const o = { ...BAND_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const pg = await startBenchPostgres(2);
  try {
    const key = await benchApiKey(pg.db);
    const toMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const fromMs = toMs - o.days * 24 * HOUR_MS;
    log(`band: loading ${o.series} hourly series over ${o.days} days and the warm-up before them`);
    const points = await loadStore(pg.db, o, bandOrigin(fromMs), toMs);
    await pg.db.query('VACUUM ANALYZE');
    const exporter = await startExporterProcess({ DATABASE_URL: pg.url });
    const client = new BenchClient(exporter.url, key, 1);
    try {
      const qs =
        `model=${MODEL}&metric=m0&from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}` +
        `&intervalMs=${HOUR_MS}&maxDataPoints=1000`;
      const bandPath = `/api/v1/anomaly-band?${qs}`;
      const queryPath = `/api/v1/query?${qs}&aggregation=avg`;
      const firstMs = await timeMs(() => client.ok('GET', bandPath));
      const band = JSON.parse(await client.ok('GET', bandPath)) as {
        intervalMs: number;
        series: Array<{ times: number[]; upper: Array<number | null> }>;
      };
      if (band.series.length !== o.series)
        throw new Error(`expected ${o.series} series, got ${band.series.length}`);
      const values = band.series.reduce((n, s) => n + s.times.length, 0);
      log(`band: ${band.series.length} series, ${values} buckets of ${band.intervalMs / HOUR_MS} h`);
      for (let i = 0; i < 3; i++) await client.ok('GET', queryPath); // warm-up
      const bandMs: number[] = [];
      const queryMs: number[] = [];
      // Interleaved, so both see the same machine.
      for (let i = 0; i < o.queries; i++) {
        bandMs.push(await timeMs(() => client.ok('GET', bandPath)));
        queryMs.push(await timeMs(() => client.ok('GET', queryPath)));
      }
      const base = `/query, same series and buckets (observed only), p50`;
      const rows = [
        timeRow(
          `anomaly band p50, ${o.series} series x ${o.days} days`,
          quantile(bandMs, 0.5),
          base,
          quantile(queryMs, 0.5),
        ),
        timeRow(
          `anomaly band p95, ${o.series} series x ${o.days} days`,
          quantile(bandMs, 0.95),
          base,
          quantile(queryMs, 0.5),
        ),
      ];
      return { rows, points, firstMs };
    } finally {
      client.close();
      await exporter.stop();
    }
  } finally {
    await pg.close();
  }
}
