// HTTP batch ingestion into PostgreSQL in points/s, against COPY of the same rows into the same table (the
// raw limit) and one INSERT per row (the naive way), all in one run on one cluster.
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { benchApiKey, startBenchPostgres, startExporterProcess } from './environment';
import { BenchClient, runConcurrently } from './http-client';
import { feedBodies, feedPoint, feedSeries, type FeedSeries } from './ingest-feed';
import { parentPid, treeCpuSeconds } from './process-cpu';
import { rateRow, type BenchRow } from './report';
import { secondsSince } from './stats';

export interface IngestBenchOptions {
  points: number;
  batch: number;
  /** HTTP requests in flight at once */
  concurrency: number;
  series: number;
  /** rows for the one-INSERT-per-row baseline (it is slow: a sample is enough) */
  insertRows: number;
  /** node flags for the exporter process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] */
  exporterExecArgv?: string[];
  log?: (line: string) => void;
}

export const INGEST_DEFAULTS: IngestBenchOptions = {
  points: 1_000_000,
  batch: 10_000,
  concurrency: 4,
  series: 1000,
  insertRows: 20_000,
};

export interface IngestBenchResult {
  rows: BenchRow[];
  /** seconds from the last HTTP answer until the rollup queue was empty */
  rollupLagSeconds: number;
  /**
   * CPU microseconds per point (Linux), rollups included: PostgreSQL and the exporter during HTTP ingest,
   * PostgreSQL during the COPY. Unlike rates, barely moved by other work on the machine.
   */
  cpuPerPoint?: { httpPostgres: number; httpExporter: number; copyPostgres: number };
}

/** The PostgreSQL server's process (parent of a backend), to read the CPU time of all its processes. */
async function postmasterPid(pool: Pool): Promise<number | undefined> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return parentPid(rows[0].pid);
}

const TRUNCATE = 'TRUNCATE points, rollup_queue, rollups';

export async function runIngestBenchmark(
  options: Partial<IngestBenchOptions> = {},
): Promise<IngestBenchResult> {
  const o = { ...INGEST_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const pg = await startBenchPostgres(2);
  try {
    const key = await benchApiKey(pg.db);
    const series = feedSeries(o.series);
    // Past timestamps, one per second: every point is a new row.
    const startMs = Math.floor(Date.now() / 1000) * 1000 - 2 * 86400_000;
    const warmup = feedBodies(series, startMs - 86400_000, o.series * 2, o.batch);
    const bodies = feedBodies(series, startMs, o.points, o.batch);

    const exporter = await startExporterProcess({ DATABASE_URL: pg.url }, { execArgv: o.exporterExecArgv });
    const client = new BenchClient(exporter.url, key, o.concurrency);
    const postmaster = await postmasterPid(pg.db.rawPool);
    const pgCpu = () => (postmaster === undefined ? undefined : treeCpuSeconds(postmaster));
    let http: number;
    let rollupLagSeconds: number;
    let httpCpu: { postgres?: number; exporter?: number } = {};
    try {
      // Creates the series and warms the exporter's JIT and caches; then start from an empty table.
      for (const b of warmup) await client.ok('POST', '/api/v1/points/batch', b);
      await pg.db.query(TRUNCATE);
      log(`ingest: ${o.points} points over HTTP, batches of ${o.batch}, ${o.concurrency} in flight`);
      let inserted = 0;
      const pg0 = pgCpu();
      const ex0 = treeCpuSeconds(exporter.pid);
      const t0 = process.hrtime.bigint();
      await runConcurrently(
        bodies.map((b) => async () => {
          const reply = await client.ok('POST', '/api/v1/points/batch', b);
          inserted += (JSON.parse(reply) as { inserted: number }).inserted;
        }),
        o.concurrency,
      );
      http = o.points / secondsSince(t0);
      if (inserted !== o.points)
        throw new Error(`expected ${o.points} inserted points, the exporter said ${inserted}`);
      const t1 = process.hrtime.bigint();
      while ((await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rollup_queue')).rows[0].n > 0)
        await new Promise((r) => setTimeout(r, 50));
      rollupLagSeconds = secondsSince(t1);
      const pg1 = pgCpu();
      const ex1 = treeCpuSeconds(exporter.pid);
      httpCpu = {
        postgres: pg0 !== undefined && pg1 !== undefined ? ((pg1 - pg0) / o.points) * 1e6 : undefined,
        exporter: ex0 !== undefined && ex1 !== undefined ? ((ex1 - ex0) / o.points) * 1e6 : undefined,
      };
    } finally {
      client.close();
      await exporter.stop();
    }

    const copy = await copyRate(pg.db.rawPool, series, startMs, o.points, pgCpu);
    log(`ingest: COPY ${Math.round(copy.rate)} rows/s`);
    const insert = await insertPerRowRate(pg.db.rawPool, series, startMs, o.insertRows);
    log(`ingest: INSERT per row ${Math.round(insert)} rows/s`);
    return {
      rows: [
        rateRow('HTTP batch ingest', http, 'points/s', 'COPY of the same rows', copy.rate),
        rateRow('HTTP batch ingest', http, 'points/s', 'one INSERT per row', insert),
      ],
      rollupLagSeconds,
      cpuPerPoint:
        httpCpu.postgres !== undefined && httpCpu.exporter !== undefined && copy.cpuPerPoint !== undefined
          ? { httpPostgres: httpCpu.postgres, httpExporter: httpCpu.exporter, copyPostgres: copy.cpuPerPoint }
          : undefined,
    };
  } finally {
    await pg.close();
  }
}

async function seriesIds(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ id: number; series_key: string }>('SELECT id, series_key FROM series');
  return new Map(rows.map((r) => [r.series_key, r.id]));
}

/** The feed's rows as COPY text, in chunks, built before timing like the HTTP bodies. */
function copyChunks(ids: Map<string, number>, series: readonly FeedSeries[], startMs: number, n: number) {
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = feedPoint(series, startMs, i);
    lines.push(
      `${ids.get(series[i % series.length].key)}\t${new Date(p.timestamp as number).toISOString()}\t${p.value}\n`,
    );
    if (lines.length === 10_000 || i === n - 1) {
      chunks.push(Buffer.from(lines.join('')));
      lines = [];
    }
  }
  return chunks;
}

async function copyRate(
  pool: Pool,
  series: readonly FeedSeries[],
  startMs: number,
  n: number,
  pgCpu: () => number | undefined,
) {
  const chunks = copyChunks(await seriesIds(pool), series, startMs, n);
  await pool.query(TRUNCATE);
  const client = await pool.connect();
  try {
    const cpu0 = pgCpu();
    const t0 = process.hrtime.bigint();
    await pipeline(
      Readable.from(chunks),
      client.query(copyFrom('COPY points (series_id, ts, value) FROM STDIN')),
    );
    const rate = n / secondsSince(t0);
    const cpu1 = pgCpu();
    return {
      rate,
      cpuPerPoint: cpu0 !== undefined && cpu1 !== undefined ? ((cpu1 - cpu0) / n) * 1e6 : undefined,
    };
  } finally {
    client.release();
  }
}

async function insertPerRowRate(pool: Pool, series: readonly FeedSeries[], startMs: number, n: number) {
  const ids = await seriesIds(pool);
  await pool.query(TRUNCATE);
  const client = await pool.connect();
  try {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const p = feedPoint(series, startMs, i);
      await client.query(
        `INSERT INTO points (series_id, ts, value) VALUES ($1, to_timestamp($2::float8 / 1000), $3)
         ON CONFLICT (series_id, ts) DO UPDATE SET value = EXCLUDED.value`,
        [ids.get(series[i % series.length].key), p.timestamp, p.value],
      );
    }
    return n / secondsSince(t0);
  } finally {
    client.release();
  }
}
