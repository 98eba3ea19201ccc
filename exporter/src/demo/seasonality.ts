/** Seasonal shapes shared by the demo's KPI profiles. */

/** Daily cycle around 1 with its peak at `peakHour` (UTC) and trough twelve hours later. */
export function dailyFactor(hourOfDay: number, peakHour: number, amplitude: number): number {
  return 1 + amplitude * Math.cos((2 * Math.PI * (hourOfDay - peakHour)) / 24);
}

/** Weekly cycle: weekdays at 1, Saturday and Sunday at `weekendFactor`. */
export function weeklyFactor(dayOfWeek: number, weekendFactor: number): number {
  return dayOfWeek === 0 || dayOfWeek === 6 ? weekendFactor : 1;
}

/** Compound growth of `perDay` (0.002 = +0.2 % a day) after `days` days. */
export function trendFactor(days: number, perDay: number): number {
  return Math.pow(1 + perDay, days);
}
