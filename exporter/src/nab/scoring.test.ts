import {
  MAX_TP,
  NAB_PROFILES,
  NO_DETECTION_THRESHOLD,
  bestThreshold,
  normalizedScore,
  probationLength,
  scaledSigmoid,
  scoreAtThreshold,
  scoreCorpus,
  scoresByThreshold,
  sweepPoints,
  windowsToRows,
} from './scoring';

const standard = NAB_PROFILES.standard;

/** Scores of `rows` rows, zero except at the given rows. */
function scoresWith(rows: number, hits: Record<number, number>): number[] {
  return Array.from({ length: rows }, (_, i) => hits[i] ?? 0);
}

describe('scaledSigmoid', () => {
  it('matches NAB at its landmarks', () => {
    expect(scaledSigmoid(0)).toBe(0);
    expect(MAX_TP).toBeCloseTo(0.9866142981514305, 12);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.9866142981514305, 12);
    expect(scaledSigmoid(3)).toBeCloseTo(2 / (1 + Math.exp(15)) - 1, 15);
    expect(scaledSigmoid(3.0001)).toBe(-1);
  });
});

describe('probationLength', () => {
  it('is 15% of the rows, at most 750', () => {
    expect(probationLength(100)).toBe(15);
    expect(probationLength(4032)).toBe(604);
    expect(probationLength(22695)).toBe(750);
  });
});

describe('windowsToRows', () => {
  it('uses the first row of each limit, even with repeated timestamps', () => {
    expect(windowsToRows([0, 10, 10, 20, 30], [[10, 30]])).toEqual([{ start: 1, end: 4 }]);
  });
  it('refuses limits that match no row', () => {
    expect(() => windowsToRows([0, 10, 20], [[5, 20]])).toThrow(/does not match/);
  });
});

describe('sweepPoints', () => {
  // 20 rows: probation 3; one window on rows 10..13 (width 4).
  const windows = [{ start: 10, end: 13 }];
  const points = sweepPoints('f', scoresWith(20, {}), windows, standard);

  it('drops the probation rows', () => {
    expect(points).toHaveLength(17);
  });
  it('costs fpWeight before the first window', () => {
    expect(points[0]).toEqual({ score: 0, weight: -0.11, window: undefined });
  });
  it('rewards the window start with tpWeight and later rows less', () => {
    expect(points[10 - 3].weight).toBeCloseTo(1, 12);
    expect(points[12 - 3].weight).toBeCloseTo(scaledSigmoid(-0.5) / MAX_TP, 12);
    expect(points[13 - 3].weight).toBeCloseTo(scaledSigmoid(-0.25) / MAX_TP, 12);
    expect(points[13 - 3].window).toBe('f|0');
  });
  it('charges little right after a window and more further on', () => {
    expect(points[15 - 3].weight).toBeCloseTo(0.11 * scaledSigmoid(2 / 3), 12);
    expect(points[14 - 3].weight).toBeGreaterThan(points[19 - 3].weight);
    expect(points[14 - 3].window).toBeUndefined();
  });
});

describe('threshold sweep', () => {
  // Window rows 10..13; a detector that fires late in the window (0.9) and on two false rows.
  const windows = [{ start: 10, end: 13 }];
  const scores = scoresWith(20, { 5: 0.5, 12: 0.9, 13: 0.95, 18: 0.7 });
  const points = sweepPoints('f', scores, windows, standard);

  it('scores every distinct threshold, the earliest detection in a window counting once', () => {
    const byThreshold = scoresByThreshold(points, standard);
    const at = (t: number) => byThreshold.find((s) => s.threshold === t)?.score;
    const late = scaledSigmoid(-0.25) / MAX_TP;
    const early = scaledSigmoid(-0.5) / MAX_TP;
    const fp18 = 0.11 * scaledSigmoid(5 / 3);
    expect(at(NO_DETECTION_THRESHOLD)).toBeCloseTo(-1, 12);
    expect(at(0.95)).toBeCloseTo(late, 12);
    expect(at(0.9)).toBeCloseTo(early, 12);
    expect(at(0.7)).toBeCloseTo(early + fp18, 12);
    expect(at(0.5)).toBeCloseTo(early + fp18 - 0.11, 12);
    // 0 is the score of all other rows: everything is a detection.
    expect(byThreshold[byThreshold.length - 1].threshold).toBe(0);
    expect(bestThreshold(byThreshold).threshold).toBe(0.9);
  });

  it('agrees with scoring the file at a fixed threshold', () => {
    for (const { threshold, score } of scoresByThreshold(points, standard)) {
      expect(scoreAtThreshold(points, standard, threshold).score).toBeCloseTo(score, 12);
    }
    expect(scoreAtThreshold(points, standard, 0.7)).toMatchObject({ tp: 1, fp: 1, fn: 0, windows: 1 });
  });

  it('prefers the higher threshold on ties', () => {
    expect(
      bestThreshold([
        { threshold: 1.1, score: -1 },
        { threshold: 0.8, score: 2 },
        { threshold: 0.6, score: 2 },
      ]).threshold,
    ).toBe(0.8);
  });
});

describe('scoreCorpus and normalisation', () => {
  const files = [
    { key: 'a', scores: scoresWith(40, {}), windows: [{ start: 20, end: 29 }] },
    { key: 'b', scores: scoresWith(40, {}), windows: [{ start: 10, end: 14 }] },
    { key: 'c', scores: scoresWith(40, {}), windows: [] },
  ];

  it('gives the null detector 0 under every profile', () => {
    for (const profile of ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const) {
      const r = scoreCorpus(files, profile);
      expect(r.normalized).toBeCloseTo(0, 12);
      expect(r.threshold).toBe(NO_DETECTION_THRESHOLD);
      expect(r).toMatchObject({ tp: 0, fn: 2, fp: 0, windows: 2 });
    }
  });

  it('gives a detector firing on each window start 100', () => {
    const perfect = files.map((f) => ({
      ...f,
      scores: scoresWith(40, Object.fromEntries(f.windows.map((w) => [w.start, 1]))),
    }));
    expect(scoreCorpus(perfect, 'standard').normalized).toBeCloseTo(100, 10);
    expect(scoreCorpus(perfect, 'reward_low_FN_rate').normalized).toBeCloseTo(100, 10);
  });

  it('picks one threshold for all files and weighs misses by the profile', () => {
    // File a detected at its window centre with 0.8, b missed, one false alarm in c with 0.9.
    const mixed = [
      { ...files[0], scores: scoresWith(40, { 25: 0.8 }) },
      files[1],
      { ...files[2], scores: scoresWith(40, { 30: 0.9 }) },
    ];
    const tp = scaledSigmoid(-5 / 10) / MAX_TP;
    const r = scoreCorpus(mixed, 'standard');
    expect(r.threshold).toBe(0.8);
    expect(r.raw).toBeCloseTo(tp - 1 - 0.11, 12);
    expect(r.normalized).toBeCloseTo(normalizedScore(tp - 1 - 0.11, 2, standard), 12);
    expect(r.normalized).toBeCloseTo((100 * (tp - 1 - 0.11 + 2)) / 4, 12);
    const lowFn = scoreCorpus(mixed, 'reward_low_FN_rate');
    expect(lowFn.raw).toBeCloseTo(tp - 2 - 0.11, 12);
    expect(lowFn.normalized).toBeCloseTo((100 * (tp - 2 - 0.11 + 4)) / 6, 12);
  });
});
