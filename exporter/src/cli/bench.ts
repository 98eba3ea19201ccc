// `kpilens bench ingest|read|metrics|memory|all`: the exporter core benchmarks (docs/benchmarks.md,
// section "Exporter core"). Each prints its figures beside a baseline measured in the same run.
import type { Command } from 'commander';
import { INGEST_DEFAULTS, runIngestBenchmark } from '../bench/ingest';
import { conditions, formatRows } from '../bench/report';

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
}
