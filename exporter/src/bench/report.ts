import { loadavg } from 'node:os';
import { fmtInt } from './stats';

/** One measured figure beside the baseline it is compared with, measured in the same run. */
export interface BenchRow {
  measure: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /**
   * How many times better than the baseline: value / baseline for rates, baseline / value for times
   * (so above 1 always means better than the baseline).
   */
  ratio: number;
}

export function rateRow(
  measure: string,
  value: number,
  unit: string,
  baselineName: string,
  baseline: number,
) {
  return { measure, value, unit, baselineName, baseline, ratio: value / baseline };
}

export function timeRow(
  measure: string,
  valueMs: number,
  baselineName: string,
  baselineMs: number,
): BenchRow {
  return {
    measure,
    value: valueMs,
    unit: 'ms',
    baselineName,
    baseline: baselineMs,
    ratio: baselineMs / valueMs,
  };
}

function fmt(v: number, unit: string): string {
  if (unit === 'ms') return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
  if (unit === 'MB') return `${Math.round(v)} MB`;
  return `${fmtInt(v)} ${unit}`;
}

/** A markdown table (pasted into docs/benchmarks.md as is) and a JSON line for scripts. */
export function formatRows(rows: readonly BenchRow[]): string[] {
  return [
    '| measure | value | baseline (same run) | baseline value | ratio |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.measure} | ${fmt(r.value, r.unit)} | ${r.baselineName} | ${fmt(r.baseline, r.unit)} | ${r.ratio.toFixed(2)}x |`,
    ),
    JSON.stringify(rows),
  ];
}

/** The conditions a figure was measured under (the machine is shared: say how busy it was). */
export function conditions(): string {
  const [l1, l5] = loadavg();
  return `node ${process.version}, load average ${l1.toFixed(2)} (1 min) ${l5.toFixed(2)} (5 min)`;
}
