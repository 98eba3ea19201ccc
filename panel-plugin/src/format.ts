import { formattedValueToString, getValueFormat } from '@grafana/data';

export type AgeUnit = 'minute' | 'hour' | 'day';

/** How long ago `ms` was, in the largest whole unit (at least one minute). */
export function ageParts(ms: number, nowMs: number): { value: number; unit: AgeUnit } {
  const minutes = Math.max(1, Math.floor((nowMs - ms) / 60_000));
  if (minutes < 60) {
    return { value: minutes, unit: 'minute' };
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? { value: hours, unit: 'hour' } : { value: Math.floor(hours / 24), unit: 'day' };
}

/** A number in a Grafana unit (`percentunit`, `currencyEUR`, ...), as Grafana's panels show it. */
export function formatNumber(value: number | null, unit?: string, decimals?: number): string {
  if (value === null || !Number.isFinite(value)) {
    return '–';
  }
  return formattedValueToString(getValueFormat(unit || 'none')(value, decimals));
}

/** A relative change as a signed percentage, e.g. +12.5 %. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) {
    return '–';
  }
  const percent = (change * 100).toFixed(Math.abs(change) < 0.1 ? 1 : 0);
  return `${change > 0 ? '+' : ''}${percent}%`;
}

/** A date (epoch ms) as a short day, e.g. 2026-11-21, in UTC or the dashboard's zone offset. */
export function formatDay(ms: number | null): string {
  return ms === null ? '–' : new Date(ms).toISOString().slice(0, 10);
}

/**
 * The Grafana unit for a unit as the exporter names it in briefings: `%` -> percent, an ISO currency code
 * (EUR) -> currencyEUR, a Grafana unit id as it is; none -> locale (thousands grouped). Anything else is
 * left to `formatNumber`'s caller as a suffix (null here).
 */
export function grafanaUnit(unit: string | undefined): string | null {
  if (!unit) {
    return 'locale';
  }
  if (unit === '%') {
    return 'percent';
  }
  if (/^[A-Z]{3}$/.test(unit)) {
    return `currency${unit}`;
  }
  return /^[a-z][A-Za-z0-9:]*$/.test(unit) ? unit : null;
}

/** A key number of the briefing in its unit, thousands grouped. */
export function formatKeyNumber(value: number, unit: string | undefined): string {
  const grafana = grafanaUnit(unit);
  return grafana === null ? `${formatNumber(value, 'locale')} ${unit}` : formatNumber(value, grafana);
}
