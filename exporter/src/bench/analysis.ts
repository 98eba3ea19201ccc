// `kpilens bench analysis`: the full analysis of a model's series (every detector, forecasts, learnings)
// against the anomaly-only pass over the same data, and the streaming detector's cost per point against a
// rolling z-score, all in one process with no I/O (what the runner does between its reads and writes).
import type { ModelConfig } from '@kpilens/contract';
import { StreamingAnomalyDetector } from '../analysis/streaming-detector';
import { DeclarativeModel } from '../models/declarative-model';
import type { KpiSeries, ModelData } from '../models/kpi-model';
import { replayOrigin } from '../models/runner';
import { rateRow, timeRow, type BenchRow } from './report';

export const ANALYSIS_DEFAULTS = { series: 1000, days: 90 };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const METRICS = 10;
const PLATFORMS = 5;

/** A seeded uniform generator (Park-Miller), so every run analyses the same data. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/**
 * `count` hourly series over `days` days: daily and weekly cycles, a trend, noise, and in one series of
 * twenty an incident (a level change for two days) so the detectors have something to find. Series i is
 * metric i % 10 on platform (i / 10) % 5 of campaign i / 50: each metric and campaign has five peers.
 */
export function benchSeries(
  model: string,
  count: number,
  days: number,
  nowMs: number,
  seed = 1,
): KpiSeries[] {
  const rnd = random(seed);
  const start = nowMs - days * DAY_MS;
  const hours = days * 24;
  return Array.from({ length: count }, (_, i) => {
    const level = 50 + 500 * rnd();
    const trend = (rnd() - 0.5) * 0.004;
    const incident = i % 20 === 7 ? Math.floor(hours * (0.5 + 0.4 * rnd())) : -1;
    const values: Array<[number, number]> = new Array(hours);
    for (let h = 0; h < hours; h++) {
      const t = start + h * HOUR_MS;
      const daily = 1 + 0.4 * Math.sin((2 * Math.PI * (h % 24)) / 24);
      const weekly = new Date(t).getUTCDay() % 6 === 0 ? 0.8 : 1;
      const shift = incident >= 0 && h >= incident && h < incident + 48 ? 0.5 : 1;
      const noise = 1 + 0.08 * (rnd() + rnd() + rnd() - 1.5);
      values[h] = [t, level * daily * weekly * (1 + trend * (h / 24)) * shift * noise];
    }
    return {
      id: i + 1 + (seed - 1) * count,
      model,
      metric: `kpi_${i % METRICS}`,
      dimensions: { platform: `p${Math.floor(i / METRICS) % PLATFORMS}`, campaign: `c${Math.floor(i / 50)}` },
      hours: values,
    };
  });
}

function modelOf(name: string, detectors: ModelConfig['detectors']): DeclarativeModel {
  return new DeclarativeModel(
    {
      name,
      description: 'benchmark',
      kpis: Array.from({ length: METRICS }, (_, m) => ({
        metric: `kpi_${m}`,
        description: `KPI ${m}`,
        goodDirection: 'up' as const,
        peerDimension: 'platform',
      })),
      detectors,
    },
    'code',
  );
}

export interface AnalysisBenchResult {
  rows: BenchRow[];
  series: number;
  points: number;
  findings: { full: number; anomalyOnly: number; forecasts: number; learnings: number };
}

/** The full analysis of `series` series (four models' worth: 80 % in one, 20 % in another) against anomaly only. */
export function runAnalysisBenchmark(
  opts: { series: number; days: number; log?: (line: string) => void } = ANALYSIS_DEFAULTS,
): AnalysisBenchResult {
  const nowMs = Date.UTC(2026, 10, 20);
  const split = Math.round(opts.series * 0.8);
  const data: ModelData[] = [
    {
      model: 'a',
      fromMs: nowMs - opts.days * DAY_MS,
      nowMs,
      series: benchSeries('a', split, opts.days, nowMs, 1),
    },
    {
      model: 'b',
      fromMs: nowMs - opts.days * DAY_MS,
      nowMs,
      series: benchSeries('b', opts.series - split, opts.days, nowMs, 2),
    },
  ];
  const points = data.reduce((n, d) => n + d.series.reduce((m, s) => m + s.hours.length, 0), 0);
  // The anomaly replay covers the whole generated history, as the benchmark asks (90 days, not 42).
  const analyse = { replayFromMs: replayOrigin(nowMs, opts.days - 7) };

  const full = data.map((d) => modelOf(d.model, undefined));
  const anomalyOnly = data.map((d) =>
    modelOf(d.model, { anomaly: true, peers: false, trends: false, forecast: false, learnings: false }),
  );

  opts.log?.(`analysing ${opts.series} series x ${opts.days} days (${points} points), anomaly only...`);
  let t = performance.now();
  let anomalyFindings = 0;
  for (let i = 0; i < data.length; i++) {
    const a = anomalyOnly[i].analyseKpi(data[i], analyse);
    anomalyFindings += a.episodes.length + a.current.length;
  }
  const anomalyMs = performance.now() - t;

  opts.log?.('full analysis (anomalies, peers, trends, forecasts, learnings)...');
  t = performance.now();
  let fullFindings = 0;
  let forecasts = 0;
  let learnings = 0;
  for (let i = 0; i < data.length; i++) {
    const a = full[i].analyseKpi(data[i], analyse);
    fullFindings += a.episodes.length + a.current.length;
    forecasts += a.forecasts.length;
    learnings += full[i].shareLearnings(
      data[i],
      data.filter((_, j) => j !== i),
    ).length;
  }
  const fullMs = performance.now() - t;

  opts.log?.('streaming detector per point...');
  const perPoint = detectorCost(data.flatMap((d) => d.series));
  return {
    series: opts.series,
    points,
    findings: { full: fullFindings, anomalyOnly: anomalyFindings, forecasts, learnings },
    rows: [
      timeRow(
        `full analysis, ${opts.series} series x ${opts.days} days hourly`,
        fullMs,
        'anomaly-only pass',
        anomalyMs,
      ),
      rateRow(
        'full analysis throughput',
        points / (fullMs / 1000),
        'points/s',
        'anomaly-only pass',
        points / (anomalyMs / 1000),
      ),
      {
        measure: 'streaming detector, per point',
        value: perPoint.detectorNs,
        unit: 'ns',
        baselineName: 'rolling z-score (168 points)',
        baseline: perPoint.baselineNs,
        ratio: perPoint.baselineNs / perPoint.detectorNs,
      },
    ],
  };
}

/**
 * Nanoseconds per `update` of the streaming detector, and of the simplest causal detector (a z-score over
 * the last week of hours, with running sums) on the same points.
 */
export function detectorCost(series: readonly KpiSeries[]): { detectorNs: number; baselineNs: number } {
  let n = 0;
  let sink = 0;
  let t = performance.now();
  for (const s of series) {
    const d = new StreamingAnomalyDetector();
    for (const [ts, v] of s.hours) sink += d.update(ts, v).score;
    n += s.hours.length;
  }
  const detectorNs = ((performance.now() - t) * 1e6) / n;
  t = performance.now();
  const W = 168;
  for (const s of series) {
    const ring = new Float64Array(W);
    let sum = 0;
    let sq = 0;
    let k = 0;
    for (const [, v] of s.hours) {
      const m = k < W ? 0 : sum / W;
      const sd = k < W ? 0 : Math.sqrt(Math.max(0, sq / W - m * m));
      sink += sd > 0 ? Math.abs(v - m) / sd : 0;
      const old = ring[k % W];
      ring[k % W] = v;
      sum += v - (k < W ? 0 : old);
      sq += v * v - (k < W ? 0 : old * old);
      k++;
    }
  }
  const baselineNs = ((performance.now() - t) * 1e6) / n;
  // Keeps the loops from being optimised away.
  if (Number.isNaN(sink)) throw new Error('detector produced NaN');
  return { detectorNs, baselineNs };
}
