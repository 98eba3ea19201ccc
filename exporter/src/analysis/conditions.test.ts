import { ConditionTracker } from './conditions';
import type { AnomalyResult } from './streaming-detector';

const H = 3_600_000;
const calm: AnomalyResult = {
  score: 0,
  direction: 'none',
  expected: 100,
  lower: 90,
  upper: 110,
  deviation: 0,
};
const alarmUp: AnomalyResult = { ...calm, score: 0.8, direction: 'up', deviation: 9 };

describe('ConditionTracker', () => {
  it('opens on an alarm, lasts while points stay outside the band, ends after the quiet points', () => {
    const t = new ConditionTracker({ quietPoints: 3, warmupPoints: 0, confirmPoints: 1 });
    t.push(0, 100, calm);
    t.push(H, 150, alarmUp);
    t.push(2 * H, 140, calm); // above the band: still the same condition
    t.push(3 * H, 100, calm);
    t.push(4 * H, 100, calm);
    expect(t.episodes).toHaveLength(1);
    expect(t.episodes[0]).toMatchObject({ direction: 'up', startMs: H, lastMs: 2 * H, endMs: null });
    t.push(5 * H, 100, calm);
    expect(t.episodes[0].endMs).toBe(5 * H);
    expect(t.episodes[0].peak).toMatchObject({ atMs: H, observed: 150, score: 0.8 });
  });

  it('ignores alarms below the threshold and starts a new condition for an alarm the other way', () => {
    const t = new ConditionTracker({ quietPoints: 3, warmupPoints: 0, confirmPoints: 1 });
    t.push(0, 100, { ...alarmUp, score: 0.3 });
    expect(t.episodes).toHaveLength(0);
    t.push(H, 150, alarmUp);
    t.push(2 * H, 50, { ...calm, score: 0.9, direction: 'down' });
    expect(t.episodes.map((e) => [e.direction, e.startMs, e.endMs])).toEqual([
      ['up', H, 2 * H],
      ['down', 2 * H, null],
    ]);
  });

  it('keeps the strongest alarm of a condition as its evidence', () => {
    const t = new ConditionTracker({ warmupPoints: 0, confirmPoints: 1 });
    t.push(0, 150, alarmUp);
    t.push(H, 170, { ...alarmUp, score: 0.95 });
    expect(t.episodes).toHaveLength(1);
    expect(t.episodes[0].peak).toMatchObject({ atMs: H, observed: 170, score: 0.95 });
  });

  it('raises nothing during the warm-up points', () => {
    const t = new ConditionTracker({ warmupPoints: 2, confirmPoints: 1 });
    t.push(0, 150, alarmUp);
    t.push(H, 150, alarmUp);
    expect(t.episodes).toHaveLength(0);
    t.push(2 * H, 150, alarmUp);
    expect(t.episodes.map((e) => e.startMs)).toEqual([2 * H]);
  });

  it('counts a condition only once a second point supports it, within a short wait', () => {
    const t = new ConditionTracker({ warmupPoints: 0, confirmPoints: 2, confirmWithin: 2 });
    // A one-hour blip: alarm, then normal points.
    t.push(0, 150, alarmUp);
    t.push(H, 100, calm);
    t.push(2 * H, 100, calm);
    t.push(3 * H, 140, calm); // outside the band, but the blip was already dropped
    expect(t.episodes).toHaveLength(0);
    // An incident: alarm, one normal point, then outside the band again.
    t.push(10 * H, 150, alarmUp);
    t.push(11 * H, 100, calm);
    expect(t.episodes).toHaveLength(0);
    t.push(12 * H, 140, calm);
    expect(t.episodes).toHaveLength(1);
    expect(t.episodes[0]).toMatchObject({ startMs: 10 * H, lastMs: 12 * H, points: 2, endMs: null });
  });
});
