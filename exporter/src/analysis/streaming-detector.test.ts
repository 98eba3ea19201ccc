import { StreamingAnomalyDetector, type AnomalyResult } from './streaming-detector';

const FIVE_MIN = 300_000;
const START = Date.UTC(2024, 0, 1);

/** Deterministic standard normal noise (mulberry32 + Box-Muller), so every run sees the same series. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function run(values: readonly number[], stepMs = FIVE_MIN): AnomalyResult[] {
  const detector = new StreamingAnomalyDetector();
  return values.map((v, i) => detector.update(START + i * stepMs, v));
}

/** The alert rule the score is scaled for (see NOVELTY_SCALE). */
const ALERT = 0.5;

/** Index of the first alert at or after `from`, -1 if none. */
function firstAlarm(results: readonly AnomalyResult[], from: number, to = results.length): number {
  for (let i = from; i < to; i++) if (results[i].score >= ALERT) return i;
  return -1;
}

describe('StreamingAnomalyDetector', () => {
  it('flags a spike at once, upwards, with evidence', () => {
    const eps = noise(1);
    const values = Array.from({ length: 3000 }, (_, i) => 100 + eps() + (i === 2500 ? 15 : 0));
    const results = run(values);
    const spike = results[2500];
    expect(spike.score).toBeGreaterThanOrEqual(ALERT);
    expect(spike.score).toBeLessThanOrEqual(1);
    expect(spike.direction).toBe('up');
    expect(spike.deviation).toBeGreaterThan(10);
    expect(spike.upper).toBeLessThan(115);
    expect(Math.abs(spike.expected - 100)).toBeLessThan(1.5);
    // The spike is the strongest alarm after warm-up.
    const strongest = results.slice(1000).reduce((a, b) => (b.score > a.score ? b : a));
    expect(strongest).toBe(spike);
  });

  it('flags a downward dip as down', () => {
    const eps = noise(2);
    const values = Array.from({ length: 2000 }, (_, i) => 50 + eps() - (i === 1800 ? 12 : 0));
    const result = run(values)[1800];
    expect(result.score).toBeGreaterThanOrEqual(ALERT);
    expect(result.direction).toBe('down');
    expect(result.deviation).toBeLessThan(-8);
  });

  describe('on a strong daily pattern', () => {
    // 5-minute points, a sharp peak from 09:00 to 11:00 every day, 12 days.
    const perDay = 288;
    const daily = (i: number) => {
      const minute = (i % perDay) * 5;
      return minute >= 540 && minute < 660 ? 80 : 20;
    };
    const days = 12;
    const eps = noise(3);
    const base = Array.from({ length: days * perDay }, (_, i) => daily(i) + eps());

    it('does not flag the usual peak once it has seen it for a few days', () => {
      const results = run(base);
      // Alerts left are rare new extremes of the noise itself (beyond 3 sigma), never the daily rise or fall.
      const alerts = results.map((r, i) => i).filter((i) => i >= 5 * perDay && results[i].score >= ALERT);
      expect(alerts.length).toBeLessThanOrEqual(3);
      for (const i of alerts) expect(Math.abs(base[i] - daily(i))).toBeGreaterThan(3);
      // The peak is what the detector expects, inside its band.
      const atPeak = results[10 * perDay + 120];
      expect(atPeak.expected).toBeCloseTo(80, 0);
      expect(atPeak.lower).toBeLessThan(base[10 * perDay + 120]);
      expect(atPeak.upper).toBeGreaterThan(base[10 * perDay + 120]);
    });

    it('flags the day the peak does not come, as down', () => {
      const missing = base.map((v, i) => (Math.floor(i / perDay) === 10 && daily(i) === 80 ? v - 60 : v));
      const results = run(missing);
      const at = firstAlarm(results, 10 * perDay, 11 * perDay);
      expect(at).toBeGreaterThanOrEqual(10 * perDay + 108);
      expect(at).toBeLessThan(10 * perDay + 120);
      expect(results[at].direction).toBe('down');
    });
  });

  it('flags a level shift within a few points and then settles', () => {
    const eps = noise(4);
    const values = Array.from({ length: 3000 }, (_, i) => (i < 2000 ? 10 : 16) + eps());
    const results = run(values);
    const at = firstAlarm(results, 1500);
    expect(at).toBeGreaterThanOrEqual(2000);
    expect(at).toBeLessThan(2005);
    expect(results[at].direction).toBe('up');
    // The new level becomes normal: no alarm in the second half of what follows.
    expect(firstAlarm(results, 2500)).toBe(-1);
  });

  it('is causal: changing the future does not change any output so far', () => {
    const eps = noise(5);
    const prefix = Array.from({ length: 1500 }, () => 5 + eps());
    const a = run([...prefix, ...Array.from({ length: 200 }, () => 5 + eps())]);
    const b = run([...prefix, ...Array.from({ length: 200 }, () => 500)]);
    expect(b.slice(0, 1500)).toEqual(a.slice(0, 1500));
    expect(b[1500].score).toBeGreaterThanOrEqual(ALERT);
  });

  it('keeps scores in [0, 1] on a constant series', () => {
    const results = run(Array.from({ length: 500 }, () => 7));
    for (const r of results) {
      expect(r.score).toBe(0);
      expect(r.direction).toBe('none');
      expect(r.expected).toBe(7);
    }
  });
});
