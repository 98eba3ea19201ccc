// `kpilens bench ingest|read|metrics|memory|analysis|scoring|all`: the exporter core benchmarks (docs/benchmarks.md,
// section "Exporter core"). Each prints its figures beside a baseline measured in the same run.
import type { Command } from 'commander';
import { ANALYSIS_DEFAULTS, runAnalysisBenchmark } from '../bench/analysis';
import { BAND_DEFAULTS, runBandBenchmark } from '../bench/band';
import { INGEST_DEFAULTS, runIngestBenchmark } from '../bench/ingest';
import { MEMORY_DEFAULTS, runMemoryBenchmark } from '../bench/memory';
import { METRICS_DEFAULTS, runMetricsBenchmark } from '../bench/metrics';
import { READ_DEFAULTS, runReadBenchmark } from '../bench/read';
import { SCORING_DEFAULTS, runScoringBenchmark } from '../bench/scoring';
import { conditions, formatRows } from '../bench/report';
import { fmtInt } from '../bench/stats';
import { formatBenchmarks, runMlBenchmarks } from '../ml/bench';

const out = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);
const int = (v: string) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${v}`);
  return n;
};

interface IngestFlags {
  points: number;
  batch: number;
  concurrency: number;
  series: number;
  insertRows: number;
  cpuProf?: string;
}

async function ingest(flags: IngestFlags): Promise<void> {
  const res = await runIngestBenchmark({
    ...flags,
    exporterExecArgv: flags.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${flags.cpuProf}`] : undefined,
    log: note,
  });
  out(`## ingest (${conditions()})`);
  formatRows(res.rows).forEach(out);
  out(`rollups caught up ${res.rollupLagSeconds.toFixed(1)} s after the last HTTP answer`);
  const c = res.cpuPerPoint;
  if (c)
    out(
      `CPU per point: HTTP ingest ${(c.httpPostgres + c.httpExporter).toFixed(2)} µs ` +
        `(PostgreSQL ${c.httpPostgres.toFixed(2)}, exporter ${c.httpExporter.toFixed(2)}, rollups included); ` +
        `COPY ${c.copyPostgres.toFixed(2)} µs (PostgreSQL)`,
    );
}

interface ReadFlags {
  points: number;
  queries: number;
}

async function read(flags: ReadFlags): Promise<void> {
  const res = await runReadBenchmark({ ...flags, log: note });
  out(`## read (${conditions()})`);
  out(
    `store: ${fmtInt(res.storePoints)} points, ${fmtInt(res.rollupRows)} rollup rows ` +
      `(generated in ${res.loadSeconds.toFixed(0)} s, rollups in ${res.rollupSeconds.toFixed(0)} s)`,
  );
  formatRows(res.rows).forEach(out);
}

interface BandFlags {
  series: number;
  days: number;
  queries: number;
}

async function band(flags: BandFlags): Promise<void> {
  const res = await runBandBenchmark({ ...flags, log: note });
  out(`## band (${conditions()})`);
  out(
    `store: ${fmtInt(res.points)} hourly points; first band request after the start ` +
      `${res.firstMs.toFixed(0)} ms`,
  );
  formatRows(res.rows).forEach(out);
}

interface MetricsFlags {
  series: number;
  scrapes: number;
}

async function metrics(flags: MetricsFlags): Promise<void> {
  const rows = await runMetricsBenchmark({ ...flags, log: note });
  out(`## metrics (${conditions()})`);
  formatRows(rows).forEach(out);
}

interface MemoryFlags {
  days: number;
  seconds: number;
  backend: string;
}

async function memory(flags: MemoryFlags): Promise<void> {
  const backends =
    flags.backend === 'both' ? MEMORY_DEFAULTS.backends : [flags.backend as 'postgres' | 'pglite'];
  const rows = await runMemoryBenchmark({ days: flags.days, seconds: flags.seconds, backends, log: note });
  out(`## memory (${conditions()})`);
  formatRows(rows).forEach(out);
}

interface AnalysisFlags {
  series: number;
  days: number;
}

function analysis(flags: AnalysisFlags): void {
  const res = runAnalysisBenchmark({ ...flags, log: note });
  out(`## analysis (${conditions()})`);
  out(
    `${fmtInt(res.series)} series, ${fmtInt(res.points)} points: ${res.findings.full} findings ` +
      `(${res.findings.anomalyOnly} from anomalies), ${res.findings.forecasts} forecasts, ` +
      `${res.findings.learnings} learnings`,
  );
  formatRows(res.rows).forEach(out);
  const d = res.rows[2];
  out(
    `the streaming detector costs ${(d.value / d.baseline).toFixed(0)}x a rolling z-score a point ` +
      `(${fmtInt(d.value)} ns against ${fmtInt(d.baseline)} ns)`,
  );
}

interface ScoringFlags {
  accounts: number;
  baselineAccounts: number;
  passes: number;
}

async function scoring(flags: ScoringFlags): Promise<void> {
  const res = await runScoringBenchmark({ ...flags, log: note });
  out(`## scoring (${conditions()})`);
  out(
    `store: ${fmtInt(flags.accounts)} accounts, ${fmtInt(res.invoices)} invoices, ${fmtInt(res.payments)} ` +
      `payments (loaded in ${res.loadSeconds.toFixed(0)} s); passes: ` +
      res.passSeconds.map((s) => `${s.toFixed(1)} s`).join(', '),
  );
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  for (const [k, w] of res.waits.entries())
    if (w)
      out(
        `pass ${k + 1}: ${res.passSeconds[k].toFixed(1)} s, of which scoring (features, inference, ` +
          `TreeSHAP) ${sec(w.scoreMs)}, waiting for reads ${sec(w.readMs)}, for writes ${sec(w.writeMs)}; ` +
          `${res.cpuSeconds[k].toFixed(1)} s of CPU in the scoring process`,
      );
  formatRows(res.rows).forEach(out);
}

/** Everything, one after the other (never at once: they would measure each other). */
async function all(flags: { quick?: boolean }): Promise<void> {
  const q = flags.quick;
  await ingest({ ...INGEST_DEFAULTS, ...(q ? { points: 200_000, insertRows: 1000 } : {}) });
  await read({ points: q ? 1_000_000 : READ_DEFAULTS.points, queries: q ? 30 : READ_DEFAULTS.queries });
  await band({ ...BAND_DEFAULTS, ...(q ? { queries: 5 } : {}) });
  await metrics(METRICS_DEFAULTS);
  analysis(q ? { series: 200, days: 60 } : ANALYSIS_DEFAULTS);
  await memory({
    days: q ? 7 : MEMORY_DEFAULTS.days,
    seconds: q ? 10 : MEMORY_DEFAULTS.seconds,
    backend: 'both',
  });
  await scoring({
    accounts: q ? 10_000 : SCORING_DEFAULTS.accounts,
    baselineAccounts: q ? 100 : SCORING_DEFAULTS.baselineAccounts,
    passes: SCORING_DEFAULTS.passes,
  });
  out(`## ml (${conditions()})`);
  formatBenchmarks(await runMlBenchmarks({ minSeconds: q ? 0.2 : 1 })).forEach(out);
}

export function registerBenchCommands(bench: Command): void {
  bench
    .command('ingest')
    .description('HTTP batch ingestion into PostgreSQL (points/s) against COPY and one INSERT per row')
    .option('--points <n>', 'points sent over HTTP', int, INGEST_DEFAULTS.points)
    .option('--batch <n>', 'points per request', int, INGEST_DEFAULTS.batch)
    .option('--concurrency <n>', 'requests in flight', int, INGEST_DEFAULTS.concurrency)
    .option('--series <n>', 'distinct series in the feed', int, INGEST_DEFAULTS.series)
    .option('--insert-rows <n>', 'rows for the one-INSERT-per-row baseline', int, INGEST_DEFAULTS.insertRows)
    .option('--cpu-prof <dir>', "write the exporter process' CPU profile to this folder")
    .action(ingest);
  bench
    .command('read')
    .description('p50/p95 of a 30-day query for 10 series over a store of about 10M points')
    .option('--points <n>', 'raw points in the store', int, READ_DEFAULTS.points)
    .option('--queries <n>', 'timed queries per variant', int, READ_DEFAULTS.queries)
    .action(read);
  bench
    .command('band')
    .description('p50/p95 of the anomaly band over 180 days for 10 hourly series, against /query of the same')
    .option('--series <n>', 'series matched by the query', int, BAND_DEFAULTS.series)
    .option('--days <n>', 'days of the range asked', int, BAND_DEFAULTS.days)
    .option('--queries <n>', 'timed queries of each', int, BAND_DEFAULTS.queries)
    .action(band);
  bench
    .command('metrics')
    .description('/metrics scrape time with the series budget full')
    .option('--series <n>', 'KPI series exported (the series budget)', int, METRICS_DEFAULTS.series)
    .option('--scrapes <n>', 'timed scrapes', int, METRICS_DEFAULTS.scrapes)
    .action(metrics);
  bench
    .command('memory')
    .description('exporter RSS at steady state with the demo running, on PostgreSQL and PGlite')
    .option('--days <n>', 'days of demo history', int, MEMORY_DEFAULTS.days)
    .option('--seconds <n>', 'seconds of steady state sampled', int, MEMORY_DEFAULTS.seconds)
    .option('--backend <name>', 'postgres, pglite or both', 'both')
    .action(memory);
  bench
    .command('analysis')
    .description(
      'full analysis (anomalies, peers, trends, forecasts, learnings) of hourly series against the ' +
        'anomaly-only pass, and the streaming detector per point against a rolling z-score',
    )
    .option('--series <n>', 'series analysed', int, ANALYSIS_DEFAULTS.series)
    .option('--days <n>', 'days of hourly points per series', int, ANALYSIS_DEFAULTS.days)
    .action(analysis);
  bench
    .command('scoring')
    .description(
      'end-to-end payment-risk scoring pass (histories from PostgreSQL, features, inference, TreeSHAP, ' +
        'scores stored) against scoring one account at a time',
    )
    .option(
      '--accounts <n>',
      'accounts in the store, all scored by each pass',
      int,
      SCORING_DEFAULTS.accounts,
    )
    .option(
      '--baseline-accounts <n>',
      'accounts scored one at a time for the baseline',
      int,
      SCORING_DEFAULTS.baselineAccounts,
    )
    .option('--passes <n>', 'timed passes (median reported)', int, SCORING_DEFAULTS.passes)
    .action(scoring);
  bench
    .command('all')
    .description('ingest, read, band, metrics, analysis, memory, scoring and `ml bench`, one after the other')
    .option('--quick', 'smaller runs (a smoke test of the benchmarks, not figures to publish)')
    .action(all);
}
