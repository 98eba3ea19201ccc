// Read API latency: a 30-day query for 10 series over a store of about 10M points, through HTTP, against
// the same buckets computed from the raw points in SQL (what the rollups save).
import type { Pool } from 'pg';
import { runRollups } from '../store/rollups';
import { benchApiKey, startBenchPostgres, startExporterProcess } from './environment';
import { BenchClient } from './http-client';
import { timeRow, type BenchRow } from './report';
import { quantile, timeMs } from './stats';

export interface ReadBenchOptions {
  /** about this many raw points in the store (series x 30 days at `stepSeconds`) */
  points: number;
  /** seconds between two points of a series */
  stepSeconds: number;
  /** series matched by the query (the store holds `seriesPerQuery` series per metric) */
  seriesPerQuery: number;
  queries: number;
  /** raw-SQL baseline runs (each scans every raw point of the range) */
  baselineRuns: number;
  log?: (line: string) => void;
}

export const READ_DEFAULTS: ReadBenchOptions = {
  points: 10_000_000,
  stepSeconds: 20,
  seriesPerQuery: 10,
  queries: 100,
  baselineRuns: 5,
};

const DAYS = 30;
const MODEL = 'bench';

export interface ReadBenchResult {
  rows: BenchRow[];
  storePoints: number;
  rollupRows: number;
  /** seconds to generate the points and to compute their rollups */
  loadSeconds: number;
  rollupSeconds: number;
}

/** How many series of 30 days at `stepSeconds` make about `points` points (a multiple of seriesPerQuery). */
export function storeShape(o: Pick<ReadBenchOptions, 'points' | 'stepSeconds' | 'seriesPerQuery'>) {
  const perSeries = Math.floor((DAYS * 86400) / o.stepSeconds);
  const metrics = Math.max(1, Math.round(o.points / perSeries / o.seriesPerQuery));
  return { perSeries, metrics, series: metrics * o.seriesPerQuery };
}

/** Fills the store with generate_series (server side, no client round trips) and computes the rollups. */
async function loadStore(pool: Pool, o: ReadBenchOptions, fromMs: number) {
  const shape = storeShape(o);
  await pool.query(`INSERT INTO organizations (slug, name) VALUES ('bench', 'bench') ON CONFLICT DO NOTHING`);
  await pool.query(
    `INSERT INTO series (org_id, model, metric, dimensions, series_key)
     SELECT o.id, $1, 'm' || (g % $2), jsonb_build_object('region', 'r' || g),
            format('[%s,%s,[["region","r%s"]]]', to_json($1::text), to_json('m' || (g % $2)), g)
     FROM organizations o, generate_series(0, $3 - 1) g WHERE o.slug = 'bench'`,
    [MODEL, shape.metrics, shape.series],
  );
  const t0 = performance.now();
  await pool.query(
    `INSERT INTO points (series_id, ts, value)
     SELECT s.id, to_timestamp($1::float8) + make_interval(secs => i * $2::int),
            100 + 20 * sin(i / 180.0 + s.id) + (i % 17)
     FROM series s, generate_series(0, $3::int - 1) i ORDER BY s.id, i`,
    [fromMs / 1000, o.stepSeconds, shape.perSeries],
  );
  const loadSeconds = (performance.now() - t0) / 1000;
  // The rollups come from the exporter's own pass, fed by the queue as the write path would feed it.
  await pool.query(
    `INSERT INTO rollup_queue (series_ids, from_s, to_s)
     SELECT array_agg(id), array_agg($1::float8), array_agg($1::float8 + $2::int) FROM series`,
    [fromMs / 1000, DAYS * 86400],
  );
  return { shape, loadSeconds };
}

export async function runReadBenchmark(options: Partial<ReadBenchOptions> = {}): Promise<ReadBenchResult> {
  const o = { ...READ_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const pg = await startBenchPostgres(2);
  try {
    const key = await benchApiKey(pg.db);
    const toMs = Math.floor(Date.now() / 3600_000) * 3600_000;
    const fromMs = toMs - DAYS * 86400_000;
    log(`read: loading the store (about ${o.points} points)`);
    const { loadSeconds } = await loadStore(pg.db.rawPool, o, fromMs);
    const t0 = performance.now();
    // A few series per pass keeps each pass' sort in memory.
    while ((await runRollups(pg.db, { batch: 4 })) > 0);
    const rollupSeconds = (performance.now() - t0) / 1000;
    await pg.db.query('VACUUM ANALYZE');
    const count = async (table: string) =>
      (await pg.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    const storePoints = await count('points');
    const rollupRows = await count('rollups');
    log(
      `read: ${storePoints} points, ${rollupRows} rollup rows (load ${loadSeconds.toFixed(0)} s, rollups ${rollupSeconds.toFixed(0)} s)`,
    );

    const range = `from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`;
    const variants = [
      { name: 'maxDataPoints 1000 (Grafana default: 1 h buckets, rollup_1h)', qs: 'maxDataPoints=1000' },
      {
        name: 'intervalMs 60000, maxDataPoints 11000 (API maximum: 5 min buckets, rollup_1m)',
        qs: 'intervalMs=60000&maxDataPoints=11000',
      },
    ];
    const exporter = await startExporterProcess({ DATABASE_URL: pg.url });
    const client = new BenchClient(exporter.url, key, 1);
    const rows: BenchRow[] = [];
    try {
      for (const v of variants) {
        const path = `/api/v1/query?model=${MODEL}&metric=m0&${range}&aggregation=avg&${v.qs}`;
        const first = JSON.parse(await client.ok('GET', path)) as {
          intervalMs: number;
          source: string;
          series: Array<{ points: unknown[] }>;
        };
        if (first.series.length !== o.seriesPerQuery)
          throw new Error(`expected ${o.seriesPerQuery} series, got ${first.series.length}`);
        for (let i = 0; i < 10; i++) await client.ok('GET', path); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < o.queries; i++) samples.push(await timeMs(() => client.ok('GET', path)));
        const raw = await rawBaseline(pg.db.rawPool, first.intervalMs, fromMs, toMs, o.baselineRuns);
        const buckets = first.series.reduce((n, s) => n + s.points.length, 0);
        log(`read: ${v.name}: ${first.source}, ${buckets} buckets in the answer`);
        rows.push(
          timeRow(`p50, ${v.name}`, quantile(samples, 0.5), 'same buckets from raw points, SQL only', raw),
        );
        rows.push(
          timeRow(`p95, ${v.name}`, quantile(samples, 0.95), 'same buckets from raw points, SQL only', raw),
        );
      }
    } finally {
      client.close();
      await exporter.stop();
    }
    return { rows, storePoints, rollupRows, loadSeconds, rollupSeconds };
  } finally {
    await pg.close();
  }
}

/** Median time of the naive query: the same average per bucket, straight from the raw points. */
async function rawBaseline(pool: Pool, intervalMs: number, fromMs: number, toMs: number, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++)
    samples.push(
      await timeMs(() =>
        pool.query(
          `SELECT series_id, date_bin(make_interval(secs => $1::float8), ts, 'epoch'::timestamptz) AS b, avg(value)
           FROM points WHERE series_id IN (SELECT id FROM series WHERE model = $2 AND metric = 'm0')
             AND ts >= to_timestamp($3::float8) AND ts < to_timestamp($4::float8)
           GROUP BY 1, 2 ORDER BY 1, 2`,
          [intervalMs / 1000, MODEL, fromMs / 1000, toMs / 1000],
        ),
      ),
    );
  return quantile(samples, 0.5);
}
