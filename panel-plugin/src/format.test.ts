import { ageParts, formatChange, formatDay, formatKeyNumber, formatNumber, grafanaUnit } from './format';

describe('format', () => {
  it('says how long ago in minutes, hours or days', () => {
    const now = Date.UTC(2026, 10, 21, 12);
    expect(ageParts(now - 10_000, now)).toEqual({ value: 1, unit: 'minute' });
    expect(ageParts(now - 59 * 60_000, now)).toEqual({ value: 59, unit: 'minute' });
    expect(ageParts(now - 5 * 3_600_000, now)).toEqual({ value: 5, unit: 'hour' });
    expect(ageParts(now - 72 * 3_600_000, now)).toEqual({ value: 3, unit: 'day' });
  });

  it('formats numbers in Grafana units and changes as signed percentages', () => {
    expect(formatNumber(0.256, 'percentunit', 1)).toBe('25.6%');
    expect(formatNumber(null)).toBe('–');
    expect(formatChange(-0.12)).toBe('-12%');
    expect(formatChange(0.054)).toBe('+5.4%');
    expect(formatChange(null)).toBe('–');
    expect(formatDay(Date.UTC(2026, 10, 21, 23))).toBe('2026-11-21');
  });

  it("shows the briefing's key numbers in Grafana units from the exporter's unit names", () => {
    expect([
      grafanaUnit('%'),
      grafanaUnit('EUR'),
      grafanaUnit(undefined),
      grafanaUnit('percentunit'),
    ]).toEqual(['percent', 'currencyEUR', 'locale', 'percentunit']);
    expect(grafanaUnit('points / day')).toBeNull();
    expect(formatKeyNumber(2.46, '%')).toBe('2.46%');
    expect(formatKeyNumber(2771511.26, 'EUR')).toBe('€2.77M');
    expect(formatKeyNumber(15420, undefined)).toBe('15,420');
    expect(formatKeyNumber(1500, 'points / day')).toBe('1,500 points / day');
  });
});
