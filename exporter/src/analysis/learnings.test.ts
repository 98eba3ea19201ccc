import { dailyChanges, findLearnings, leadLagCorrelations } from './learnings';
import { ar1, gaussian, WEEKLY_SHAPE } from './synthetic';

/** A daily KPI: wandering level, weekly shape, noise; `drive` (a daily change series) is added to it. */
function kpi(seed: number, days: number, drive?: readonly number[], lead = 0, gain = 1): number[] {
  const g = gaussian(seed);
  const wander = ar1(seed + 1000, 0.8);
  let level = 100;
  return Array.from({ length: days }, (_, d) => {
    level += 0.2 + (drive && d - lead >= 0 ? gain * drive[d - lead] : 0);
    return level * WEEKLY_SHAPE[d % 7] + 3 * wander() + 2 * g();
  });
}

/** Daily shocks (e.g. a campaign's daily click changes) shared by a leader and a follower. */
function shocks(seed: number, days: number): number[] {
  const g = gaussian(seed);
  return Array.from({ length: days }, () => 8 * g());
}

describe('leadLagCorrelations', () => {
  it('turns a growing KPI with a weekly pattern into changes without weekday effect and of steady spread', () => {
    const g = gaussian(5);
    const grow = Array.from({ length: 91 }, (_, d) => (100 + 3 * d) * WEEKLY_SHAPE[d % 7] + 2 * g());
    const ch = dailyChanges(grow);
    expect(ch[0]).toBeNaN();
    for (let p = 0; p < 7; p++) {
      const phase = ch.filter((x, i) => i % 7 === p && Number.isFinite(x));
      expect(Math.abs(phase.reduce((a, b) => a + b, 0) / phase.length)).toBeLessThan(0.3);
    }
    const rms = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / xs.length);
    expect(rms(ch.slice(1, 31)) / rms(ch.slice(61))).toBeGreaterThan(0.7);
    expect(rms(ch.slice(1, 31)) / rms(ch.slice(61))).toBeLessThan(1.4);
  });

  it('peaks at the planted lag, with b leading at negative lags', () => {
    const s = shocks(1, 90);
    const a = kpi(2, 90, s);
    const b = kpi(3, 90, s, 3);
    const lags = leadLagCorrelations(a, b);
    expect(lags).toHaveLength(29);
    const best = lags.reduce((x, y) => (Math.abs(y.correlation) > Math.abs(x.correlation) ? y : x));
    expect(best.lag).toBe(3);
    expect(best.correlation).toBeGreaterThan(0.5);
    const reversed = leadLagCorrelations(b, a);
    expect(reversed.reduce((x, y) => (Math.abs(y.correlation) > Math.abs(x.correlation) ? y : x)).lag).toBe(
      -3,
    );
    expect(() => leadLagCorrelations(a, b.slice(1))).toThrow(/as many days/);
  });
});

describe('findLearnings', () => {
  it('finds a planted 3-day lead among unrelated pairs, with leader, sign and n', () => {
    const s = shocks(10, 90);
    const pairs = [
      { key: 'ctr->signups', a: kpi(11, 90, s), b: kpi(12, 90, s, 3, 0.8) },
      { key: 'inverse', a: kpi(13, 90, s, 2, -1), b: kpi(14, 90, s) }, // b leads a by 2 days, negatively
      { key: 'unrelated', a: kpi(15, 90), b: kpi(16, 90) },
    ];
    const found = findLearnings(pairs);
    expect(found.map((f) => f.key)).toEqual(['ctr->signups', 'inverse']);
    expect(found[0]).toMatchObject({ leader: 'a', lagDays: 3 });
    expect(found[0].correlation).toBeGreaterThan(0.4);
    expect(found[0].pValue).toBeLessThan(0.001);
    expect(found[0].n).toBe(86); // 89 changes, 3 lost to the lag
    expect(found[1]).toMatchObject({ leader: 'b', lagDays: 2 });
    expect(found[1].correlation).toBeLessThan(-0.4);
  });

  it('finds no learning between independent KPIs at the nominal rate (5% of runs)', () => {
    let any = 0;
    const runs = 200;
    for (let seed = 1; seed <= runs; seed++) {
      const found = findLearnings([{ key: seed, a: kpi(seed * 2, 90), b: kpi(seed * 2 + 1, 90) }]);
      if (found.length) any++;
    }
    expect(any / runs).toBeLessThan(0.08);
  });

  it('finds no learning between KPIs that merely share a trend and a weekly pattern', () => {
    let any = 0;
    const runs = 100;
    for (let seed = 1; seed <= runs; seed++) {
      const g = gaussian(seed);
      const h = gaussian(seed + 500);
      const a = Array.from({ length: 90 }, (_, d) => (100 + 2 * d) * WEEKLY_SHAPE[d % 7] + 3 * g());
      const b = Array.from({ length: 90 }, (_, d) => (50 + d) * WEEKLY_SHAPE[d % 7] + 2 * h());
      if (findLearnings([{ key: seed, a, b }]).length) any++;
    }
    expect(any / runs).toBeLessThan(0.08);
  });
});
