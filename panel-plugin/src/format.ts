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
