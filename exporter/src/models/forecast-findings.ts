// Forecasts of KPI series (daily, 90 days, 80 % prediction interval) and the target_risk findings of the
// KPIs with a target, from exporter/src/analysis/forecast.ts.

import type { KpiDefinition, TargetRiskEvidence } from '@kpilens/contract';
import { toDaily } from '../analysis/daily';
import { forecastDaily, projectedToMiss } from '../analysis/forecast';
import { fmt, whereOf } from './anomaly-findings';
import type { Finding, ForecastDraft, KpiSeries } from './kpi-model';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const FORECAST_HISTORY_DAYS = 91;
export const FORECAST_HORIZON_DAYS = 90;
export const FORECAST_LEVEL = 0.8;
/** Fewest days with a value for a forecast: two weeks, so the weekly shape is fitted. */
const MIN_DAYS = 14;

const sameDimensions = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * The forecast of one series from its daily means (the KPI's hourly value, averaged over each complete UTC
 * day) and, when the KPI has a target for this series, whether it is projected to miss it: then also a
 * target_risk finding, keyed by the series (one open insight while the forecast stays on the wrong side).
 */
export function forecastSeries(
  kpi: KpiDefinition,
  s: KpiSeries,
  nowMs: number,
): { forecast: ForecastDraft; finding: Finding | null } | null {
  const toDayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const daily = toDaily(s.hours, {
    aggregate: 'mean',
    fromDayMs: toDayMs - FORECAST_HISTORY_DAYS * DAY_MS,
    toDayMs,
  });
  // The fit starts at the series' first day with a value (a young series has none before).
  const first = daily.values.findIndex(Number.isFinite);
  const values = first < 0 ? [] : daily.values.slice(first);
  if (values.filter(Number.isFinite).length < MIN_DAYS) return null;
  const nonNegative = values.every((v) => !Number.isFinite(v) || v >= 0);
  const fc = forecastDaily(values, toDayMs - DAY_MS, {
    horizonDays: FORECAST_HORIZON_DAYS,
    level: FORECAST_LEVEL,
    ...(nonNegative ? { min: 0 } : {}),
  });
  const forecast: ForecastDraft = { seriesId: s.id, method: fc.method, level: fc.level, points: fc.points };
  const t = kpi.target;
  if (!t || !kpi.goodDirection || !sameDimensions(t.dimensions ?? {}, s.dimensions))
    return { forecast, finding: null };
  const horizonDays = t.horizonDays ?? 30;
  const p = projectedToMiss(fc, t.value, kpi.goodDirection, horizonDays);
  forecast.target = { value: t.value, projectedToMiss: p.projectedToMiss, missAt: p.missAt };
  if (!p.projectedToMiss || !p.point || !p.missAt) return { forecast, finding: null };
  const comparison = kpi.goodDirection === 'up' ? 'at_least' : 'at_most';
  const evidence: TargetRiskEvidence = {
    kind: 'target_risk',
    target: t.value,
    comparison,
    horizonDays,
    missAt: p.missAt,
    yhat: p.point.yhat,
    lower: p.point.lower,
    upper: p.point.upper,
  };
  // The whole interval past the target: critical; only the expected value: warning.
  const sure = comparison === 'at_least' ? p.point.upper < t.value : p.point.lower > t.value;
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  const days = Math.max(0, Math.round((Date.parse(p.missAt) - toDayMs) / DAY_MS));
  return {
    forecast,
    finding: {
      type: 'target_risk',
      key: `target_risk:${s.id}`,
      seriesId: s.id,
      severity: sure ? 'critical' : 'warning',
      title: `${kpi.metric} projected to miss its target of ${fmt(t.value)}${unit}${whereOf(s.dimensions)}`,
      message:
        `${kpi.description}: forecast ${fmt(p.point.yhat)}${unit} on ${p.missAt.slice(0, 10)} (in ${days} days; ` +
        `${Math.round(FORECAST_LEVEL * 100)} % interval ${fmt(p.point.lower)} to ${fmt(p.point.upper)}), ` +
        `${comparison === 'at_least' ? 'below' : 'above'} the target of ${fmt(t.value)}${unit} ` +
        `within the next ${horizonDays} days.`,
      evidence,
      startMs: Math.floor(nowMs / HOUR_MS) * HOUR_MS,
      lastMs: Math.floor(nowMs / HOUR_MS) * HOUR_MS,
      endMs: null,
    },
  };
}
