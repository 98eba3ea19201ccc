// Exporter memory (RSS of the whole process, worker threads included) at steady state while `kpilens demo`
// runs its live feed and Prometheus-like scrapes arrive, on PostgreSQL and on PGlite; against the same
// exporter idle on an empty database of the same backend.
import {
  benchApiKey,
  startBenchPostgres,
  startExporterProcess,
  tempDir,
  type ExporterProcess,
} from './environment';
import { BenchClient } from './http-client';
import type { BenchRow } from './report';
import { quantile } from './stats';

export interface MemoryBenchOptions {
  /** days of demo history loaded before the live feed starts */
  days: number;
  /** seconds of steady state sampled (one RSS sample and one /metrics scrape per second) */
  seconds: number;
  backends: Array<'postgres' | 'pglite'>;
  log?: (line: string) => void;
}

export const MEMORY_DEFAULTS: MemoryBenchOptions = {
  days: 30,
  seconds: 30,
  backends: ['postgres', 'pglite'],
};

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS samples, one a second, while /metrics is scraped at the same pace; after a settling period. */
async function steadyRss(p: ExporterProcess, seconds: number): Promise<number[]> {
  const client = new BenchClient(p.url, undefined, 1);
  try {
    for (let i = 0; i < 10; i++) {
      await client.ok('GET', '/metrics');
      await sleep(1000);
    }
    const samples: number[] = [];
    for (let i = 0; i < seconds; i++) {
      await client.ok('GET', '/metrics');
      samples.push(p.rss() / MB);
      await sleep(1000);
    }
    return samples;
  } finally {
    client.close();
  }
}

async function measure(
  backend: 'postgres' | 'pglite',
  o: MemoryBenchOptions,
  demo: boolean,
): Promise<number[]> {
  const pg = backend === 'postgres' ? await startBenchPostgres(2) : null;
  const dir = backend === 'pglite' ? tempDir('kpilens-bench-pglite-') : null;
  try {
    const env: Record<string, string> = pg ? { DATABASE_URL: pg.url } : { KPILENS_DATA_DIR: dir!.dir };
    if (pg && !demo) await benchApiKey(pg.db);
    const p = await startExporterProcess(env, {
      command: demo ? ['demo', '--days', String(o.days), '--live-interval', '1'] : ['serve'],
      startTimeoutMs: 900_000,
    });
    try {
      return await steadyRss(p, o.seconds);
    } finally {
      await p.stop();
    }
  } finally {
    await pg?.close();
    dir?.remove();
  }
}

export async function runMemoryBenchmark(options: Partial<MemoryBenchOptions> = {}): Promise<BenchRow[]> {
  const o = { ...MEMORY_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const rows: BenchRow[] = [];
  for (const backend of o.backends) {
    log(`memory: ${backend}, idle exporter on an empty database`);
    const idle = quantile(await measure(backend, o, false), 0.5);
    log(`memory: ${backend}, demo (${o.days} days of history, live points every second)`);
    const demo = await measure(backend, o, true);
    for (const [what, q] of [
      ['median', 0.5],
      ['max', 1],
    ] as const)
      rows.push({
        measure: `RSS ${what}, demo running, ${backend}`,
        value: quantile(demo, q),
        unit: 'MB',
        baselineName: 'idle exporter, empty database (median)',
        baseline: idle,
        // for memory, below 1 means more than the idle baseline
        ratio: idle / quantile(demo, q),
      });
  }
  return rows;
}
