import { RecordNovelty } from './record-novelty';

const options = { decay: 1, typicalAlpha: 0.5, warmup: 3 };

describe('RecordNovelty', () => {
  it('scores nothing during warm-up', () => {
    const r = new RecordNovelty(options);
    expect(r.scoreAndAdd(1)).toBe(0);
    expect(r.scoreAndAdd(100)).toBe(0);
    expect(r.count).toBe(2);
  });

  it('measures the exceedance over the record in units of record minus typical', () => {
    const r = new RecordNovelty(options);
    [10, 10, 12].forEach((x) => r.add(x));
    // typical: 10, 10, 11; record 12; spread 1.
    expect(r.novelty(12)).toBe(0);
    expect(r.novelty(11)).toBe(0);
    expect(r.novelty(14)).toBeCloseTo(2, 12);
  });

  it('makes a repeat of a past extreme unremarkable', () => {
    const r = new RecordNovelty({ ...options, typicalAlpha: 0.01 });
    for (let i = 0; i < 50; i++) r.add(i % 10 === 0 ? 20 : 1);
    expect(r.novelty(20)).toBe(0);
    expect(r.novelty(40)).toBeGreaterThan(0.9);
  });

  it('slowly forgets an old record when decay < 1', () => {
    const r = new RecordNovelty({ decay: 0.9, typicalAlpha: 0.01, warmup: 1 });
    r.add(0);
    r.add(10);
    for (let i = 0; i < 100; i++) r.add(0);
    expect(r.novelty(5)).toBeGreaterThan(0);
  });
});
