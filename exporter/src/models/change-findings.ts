// Findings that hold "now" for a KPI series, from the statistics of exporter/src/analysis: a material trend,
// a level shift that still holds, a significant week or month over the previous one, a departure from the
// series' peers. Each is a condition keyed by series, kind and direction: the runner keeps one insight per key
// open while it is found and resolves it when it no longer is.

import type { KpiDefinition, PeerOutlierEvidence, Severity, TrendChangeEvidence } from '@kpilens/contract';
import { detectLevelShifts } from '../analysis/level-shift';
import { peerOutliers } from '../analysis/peers';
import { comparePeriods, PERIOD_DAYS, type ComparisonPeriod } from '../analysis/period-compare';
import { benjaminiHochberg } from '../analysis/stats';
import { detectTrend } from '../analysis/trends';
import { fmt, whereOf } from './anomaly-findings';
import type { Finding, KpiSeries } from './kpi-model';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ChangeOptions {
  /** Days of the trend window and the least relative slope a day worth an insight. */
  trendDays: number;
  minTrendSlope: number;
  /** Days searched for level shifts; a shift counts while it is at most `shiftRecentDays` old. */
  shiftDays: number;
  shiftRecentDays: number;
  minShift: number;
  shiftAlpha: number;
  /** Periods compared with the previous one, the least relative change worth an insight, the FDR level. */
  periods: ComparisonPeriod[];
  minPeriodChange: number;
  alpha: number;
  /** Peer outliers: score from which a departure counts, recent and baseline days. */
  peerScore: number;
  peerRecentDays: number;
  peerHistoryDays: number;
}

/**
 * Materiality thresholds on top of significance: with hundreds of series, a statistically significant but
 * small change (the demo's steady +0.1 to +0.3 % a day growth) is true and not news. A trend counts from
 * 0.5 % of the level a day (15 % in a month), a period change from 15 %, a level shift from 20 % at p < 0.001 (hourly
 * values wander from day to day, which the test's hour-to-hour correction does not fully absorb: on the demo
 * data 10 % at p < 0.01 raised a false shift per series every few months). The trend window
 * is 8 weeks: the seasonal Kendall test compares like weekdays, and 4 of each are too few to be sure.
 */
export const DEFAULT_CHANGE_OPTIONS: Readonly<ChangeOptions> = {
  trendDays: 56,
  minTrendSlope: 0.005,
  shiftDays: 28,
  shiftRecentDays: 21,
  minShift: 0.2,
  shiftAlpha: 0.001,
  periods: ['week', 'month'],
  minPeriodChange: 0.15,
  alpha: 0.01,
  peerScore: 0.8,
  peerRecentDays: 7,
  peerHistoryDays: 28,
};

/** Daily means (UTC days) of hourly values over the `days` complete days before `endMs`; NaN for a day without data. */
export function dailyMeans(
  hours: ReadonlyArray<readonly [number, number]>,
  endMs: number,
  days: number,
): { times: number[]; values: number[] } {
  const end = Math.floor(endMs / DAY_MS) * DAY_MS;
  const start = end - days * DAY_MS;
  const sum = new Float64Array(days);
  const count = new Uint16Array(days);
  for (const [t, v] of hours) {
    if (t < start || t >= end || !Number.isFinite(v)) continue;
    const i = Math.floor((t - start) / DAY_MS);
    sum[i] += v;
    count[i]++;
  }
  return {
    times: Array.from({ length: days }, (_, i) => start + i * DAY_MS),
    values: Array.from(sum, (s, i) => (count[i] > 0 ? s / count[i] : NaN)),
  };
}

/** A change against the KPI's good direction is a warning (critical from 30 %), with it or without one info. */
export function changeSeverity(
  kpi: KpiDefinition,
  direction: 'up' | 'down',
  relative: number | null,
): Severity {
  if (!kpi.goodDirection || direction === kpi.goodDirection) return 'info';
  return relative !== null && Math.abs(relative) >= 0.3 ? 'critical' : 'warning';
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`);
const lastHour = (nowMs: number) => Math.floor(nowMs / HOUR_MS) * HOUR_MS;

function changeFinding(
  kpi: KpiDefinition,
  s: KpiSeries,
  key: string,
  evidence: TrendChangeEvidence,
  startMs: number,
  nowMs: number,
  title: string,
  message: string,
): Finding {
  return {
    type: 'trend_change',
    key,
    seriesId: s.id,
    severity: changeSeverity(kpi, evidence.direction, evidence.relativeChange),
    title: `${title}${whereOf(s.dimensions)}`,
    message,
    evidence,
    startMs,
    lastMs: lastHour(nowMs),
    endMs: null,
  };
}

/** A significant trend over the last `trendDays` days whose slope is material. */
export function trendFinding(
  kpi: KpiDefinition,
  s: KpiSeries,
  nowMs: number,
  o: ChangeOptions = DEFAULT_CHANGE_OPTIONS,
): Finding | null {
  const daily = dailyMeans(s.hours, nowMs, o.trendDays);
  const t = detectTrend(daily.values, { alpha: o.alpha });
  if (!t.significant || t.direction === 'flat' || t.relativeSlope === null) return null;
  if (Math.abs(t.relativeSlope) < o.minTrendSlope) return null;
  const before = t.level - (t.slopePerDay * (o.trendDays - 1)) / 2;
  const after = t.level + (t.slopePerDay * (o.trendDays - 1)) / 2;
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  return changeFinding(
    kpi,
    s,
    `trend_change:${s.id}:trend:${t.direction}`,
    {
      kind: 'trend_change',
      change: 'trend',
      direction: t.direction,
      before,
      after,
      relativeChange: before === 0 ? null : (after - before) / Math.abs(before),
      pValue: t.pValue,
      slopePerDay: t.slopePerDay,
    },
    daily.times[0],
    nowMs,
    `${kpi.metric} trending ${t.direction}`,
    `${kpi.description}: ${fmt(t.slopePerDay)}${unit} a day (${pct(t.relativeSlope)} of its level) over the ` +
      `last ${o.trendDays} days, from about ${fmt(before)} to ${fmt(after)}${unit} (p = ${t.pValue.toPrecision(2)}).`,
  );
}

/**
 * The latest level shift of the last `shiftDays` days, if recent, material and still holding. Hourly values
 * with the week (168 hours) as seasonal period: on daily means four weeks are too few days for the test,
 * and a daily period would read every weekend as two shifts.
 */
export function levelShiftFinding(
  kpi: KpiDefinition,
  s: KpiSeries,
  nowMs: number,
  o: ChangeOptions = DEFAULT_CHANGE_OPTIONS,
): Finding | null {
  const from = lastHour(nowMs) - o.shiftDays * DAY_MS;
  const hours = s.hours.filter(([t, v]) => t >= from && Number.isFinite(v));
  if (hours.length < 14 * 24) return null;
  const shifts = detectLevelShifts(
    hours.map(([, v]) => v),
    { alpha: o.shiftAlpha, period: 168, times: hours.map(([t]) => t) },
  );
  const last = shifts.sort((a, b) => b.index - a.index)[0];
  if (!last || last.timeMs === null || last.relativeSize === null) return null;
  if (last.timeMs < nowMs - o.shiftRecentDays * DAY_MS || Math.abs(last.relativeSize) < o.minShift)
    return null;
  const direction = last.size > 0 ? 'up' : 'down';
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  const at = new Date(last.timeMs).toISOString();
  return changeFinding(
    kpi,
    s,
    `trend_change:${s.id}:level_shift:${direction}`,
    {
      kind: 'trend_change',
      change: 'level_shift',
      direction,
      before: last.before,
      after: last.after,
      relativeChange: last.relativeSize,
      pValue: last.pValue,
      changedAt: at,
    },
    last.timeMs,
    nowMs,
    `${kpi.metric} shifted ${direction}`,
    `${kpi.description}: its level moved from ${fmt(last.before)} to ${fmt(last.after)}${unit} ` +
      `(${pct(last.relativeSize)}) on ${at.slice(0, 10)} and has stayed there (p = ${last.pValue.toPrecision(2)}).`,
  );
}

/**
 * Week over week and month (4 weeks) over month of every series: significant after Benjamini-Hochberg over
 * all the comparisons of the model (hundreds of tests would otherwise raise a few percent by chance), and
 * material.
 */
export function periodFindings(
  items: ReadonlyArray<{ kpi: KpiDefinition; series: KpiSeries }>,
  nowMs: number,
  o: ChangeOptions = DEFAULT_CHANGE_OPTIONS,
): Finding[] {
  const endMs = lastHour(nowMs);
  const tests = items.flatMap(({ kpi, series }) =>
    o.periods.map((period) => {
      // The test reads the two periods and up to two weeks (or one period) before them: nothing older.
      const from = endMs - (2 * PERIOD_DAYS[period] + Math.max(14, PERIOD_DAYS[period])) * DAY_MS;
      const first = series.hours.findIndex(([t]) => t >= from);
      const hours = first <= 0 ? series.hours : series.hours.slice(first);
      return { kpi, series, c: comparePeriods(hours, period, endMs) };
    }),
  );
  const q = benjaminiHochberg(tests.map((t) => t.c.pValue));
  const out: Finding[] = [];
  tests.forEach(({ kpi, series: s, c }, i) => {
    if (q[i] > o.alpha || c.relativeChange === null || Math.abs(c.relativeChange) < o.minPeriodChange) return;
    const direction = c.change > 0 ? 'up' : 'down';
    const unit = kpi.unit ? ` ${kpi.unit}` : '';
    const name = c.period === 'month' ? '4 weeks' : c.period;
    out.push(
      changeFinding(
        kpi,
        s,
        `trend_change:${s.id}:period_${c.period}:${direction}`,
        {
          kind: 'trend_change',
          change: 'period',
          direction,
          before: c.previous,
          after: c.current,
          relativeChange: c.relativeChange,
          pValue: c.pValue,
          period: c.period,
        },
        c.currentStartMs,
        nowMs,
        `${kpi.metric} ${direction} ${c.period} over ${c.period}`,
        `${kpi.description}: ${fmt(c.current)}${unit} over the last ${name} against ${fmt(c.previous)}${unit} ` +
          `the ${name} before (${pct(c.relativeChange)}, ${c.pairs} like hours compared, p = ${c.pValue.toPrecision(2)}).`,
      ),
    );
  });
  return out;
}

/**
 * Series of one KPI that differ only in the KPI's peer dimension (the same campaign on each platform, each
 * source overall) are peers: one whose recent change departs from the others' is an outlier.
 */
export function peerFindings(
  kpi: KpiDefinition,
  series: readonly KpiSeries[],
  nowMs: number,
  o: ChangeOptions = DEFAULT_CHANGE_OPTIONS,
): Finding[] {
  const dim = kpi.peerDimension;
  if (!dim) return [];
  const groups = new Map<string, KpiSeries[]>();
  for (const s of series) {
    if (s.metric !== kpi.metric || !(dim in s.dimensions)) continue;
    const rest = Object.entries(s.dimensions)
      .filter(([k]) => k !== dim)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify(rest);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(s);
  }
  const days = o.peerRecentDays + o.peerHistoryDays;
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 3) continue;
    const daily = group.map((s) => dailyMeans(s.hours, nowMs, days));
    const scored = peerOutliers(
      group.map((s, i) => ({
        key: String(s.id),
        history: daily[i].values.slice(0, o.peerHistoryDays),
        recent: daily[i].values.slice(o.peerHistoryDays),
      })),
    );
    const from = daily[0].times[o.peerHistoryDays];
    for (const p of scored) {
      if (p.score < o.peerScore) continue;
      const s = group.find((x) => String(x.id) === p.key)!;
      const evidence: PeerOutlierEvidence = {
        kind: 'peer_outlier',
        direction: p.direction,
        peerDimension: dim,
        value: p.value,
        peerMedian: p.peerMedian,
        recentLevel: p.recentLevel,
        baselineLevel: p.baselineLevel,
        peers: scored.length,
        deviation: p.z,
        score: p.score,
        from: new Date(from).toISOString(),
        to: new Date(from + o.peerRecentDays * DAY_MS).toISOString(),
      };
      const unit = kpi.unit ? ` ${kpi.unit}` : '';
      out.push({
        type: 'peer_outlier',
        key: `peer_outlier:${s.id}:${p.direction}`,
        seriesId: s.id,
        severity: changeSeverity(kpi, p.direction, p.value - p.peerMedian),
        title: `${kpi.metric} ${p.direction === 'up' ? 'rising' : 'falling'} apart from other ${dim} values${whereOf(s.dimensions)}`,
        message:
          `${kpi.description}: ${fmt(p.recentLevel)}${unit} over the last ${o.peerRecentDays} days against ` +
          `${fmt(p.baselineLevel)}${unit} before (${pct(p.value - 1)}), while its ${scored.length - 1} peers by ` +
          `${dim} moved ${pct(p.peerMedian - 1)} (median).`,
        evidence,
        startMs: from,
        lastMs: lastHour(nowMs),
        endMs: null,
      });
    }
  }
  return out;
}
