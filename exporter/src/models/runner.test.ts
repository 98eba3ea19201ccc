import { findEpisodes, severityOf } from './anomaly-findings';
import { BUILT_IN_MODELS, findModel } from './definitions';
import { replayOrigin } from './runner';

const H = 3_600_000;
const MONDAY = Date.UTC(2026, 0, 5);

/** Hourly values with a daily cycle and deterministic noise; `shift` multiplies hours [from, to). */
function hourly(n: number, shift?: { from: number; to: number; factor: number }): Array<[number, number]> {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
  return Array.from({ length: n }, (_, i) => {
    const base = 100 + 30 * Math.sin((2 * Math.PI * (i % 24)) / 24) + rnd();
    const f = shift && i >= shift.from && i < shift.to ? shift.factor : 1;
    return [MONDAY + i * H, base * f];
  });
}

describe('analysis runner (pure parts)', () => {
  it('replays from a Monday, the same one for every run of a week', () => {
    const a = replayOrigin(Date.UTC(2026, 1, 18, 9), 35);
    expect(new Date(a).getUTCDay()).toBe(1);
    expect(a % H).toBe(0);
    expect(replayOrigin(Date.UTC(2026, 1, 19, 23), 35)).toBe(a);
    expect(Date.UTC(2026, 1, 18, 9) - a).toBeGreaterThanOrEqual(35 * 24 * H);
  });

  it('rates an anomaly by the KPI good direction', () => {
    const cpc = findModel('marketing')!.kpis.find((k) => k.metric === 'cpc')!;
    expect(severityOf(cpc, 'up', 0.95)).toBe('critical');
    expect(severityOf(cpc, 'up', 0.6)).toBe('warning');
    expect(severityOf(cpc, 'down', 0.95)).toBe('info');
    expect(severityOf({ metric: 'x', description: 'x' }, 'up', 0.6)).toBe('info');
  });

  it('finds a sustained drop as one condition downwards, and few false ones in a calm series', () => {
    // The budget: at most one false insight per series per week of analysed history.
    const calm = findEpisodes(hourly(1200));
    expect(calm.length).toBeLessThanOrEqual(Math.floor(1200 / 168));
    const eps = findEpisodes(hourly(1200, { from: 900, to: 950, factor: 0.5 }));
    const during = eps.filter((e) => e.startMs >= MONDAY + 900 * H && e.startMs < MONDAY + 950 * H);
    expect(during).toHaveLength(1);
    expect(during[0].direction).toBe('down');
    expect(during[0].startMs).toBeLessThan(MONDAY + 906 * H);
    // The drop is not reported twice: nothing new opens until it is over.
    expect(eps.filter((e) => e.startMs > during[0].startMs && e.startMs < MONDAY + 950 * H)).toEqual([]);
  });

  it('declares the four built-in models with distinct KPIs', () => {
    expect(BUILT_IN_MODELS.map((m) => m.name)).toEqual(['marketing', 'onboarding', 'revenue', 'engagement']);
    for (const m of BUILT_IN_MODELS) expect(new Set(m.kpis.map((k) => k.metric)).size).toBe(m.kpis.length);
  });
});
