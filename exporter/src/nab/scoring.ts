// Re-implementation of the Numenta Anomaly Benchmark (NAB) scorer: windows as row ranges, the scaled
// sigmoid, per-row sweep scores, the corpus-wide threshold sweep and the normalisation against the null
// and perfect detectors. Pure: no I/O, everything works on row indices and numbers.

export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export type ProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

export const PROFILE_NAMES: readonly ProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

/** The profiles as NAB ships them (config/profiles.json); tnWeight is unused by the scorer. */
export const NAB_PROFILES: Record<ProfileName, CostMatrix> = {
  standard: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 },
  reward_low_FP_rate: { tpWeight: 1.0, fpWeight: 0.22, fnWeight: 1.0 },
  reward_low_FN_rate: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 2.0 },
};

/** Inclusive row range [start, end] of one labelled anomaly window. */
export interface RowWindow {
  start: number;
  end: number;
}

/** One row of one file, ready for the threshold sweep. */
export interface SweepPoint {
  /** Detector output in [0, 1]. */
  score: number;
  /** What detecting this row is worth under the profile (positive in a window, negative outside). */
  weight: number;
  /** Window key ("file|index") for rows inside a window, undefined outside. */
  window: string | undefined;
}

/** The threshold meaning "no detections": always a candidate. */
export const NO_DETECTION_THRESHOLD = 1.1;

/** NAB's scaled sigmoid: 1 far before 0, 0 at 0, -1 far after; flat -1 beyond 3. */
export function scaledSigmoid(x: number): number {
  if (x > 3) return -1;
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

/** Reward for a detection at the very start of a window, used to scale true positives to tpWeight. */
export const MAX_TP = scaledSigmoid(-1);

/** Rows at the start of a file during which detectors learn and are not scored. */
export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/**
 * Maps windows given as [startMs, endMs] to row ranges: the first row whose timestamp equals each limit.
 * Throws when a limit matches no row, since the scores would silently be wrong otherwise.
 */
export function windowsToRows(
  timestampsMs: readonly number[],
  windowsMs: readonly [number, number][],
): RowWindow[] {
  const firstIndex = new Map<number, number>();
  timestampsMs.forEach((t, i) => {
    if (!firstIndex.has(t)) firstIndex.set(t, i);
  });
  return windowsMs.map(([startMs, endMs]) => {
    const start = firstIndex.get(startMs);
    const end = firstIndex.get(endMs);
    if (start === undefined || end === undefined || end < start) {
      throw new Error(`window [${startMs}, ${endMs}] does not match the file's timestamps`);
    }
    return { start, end };
  });
}

/**
 * Per-row sweep points of one file (probation rows left out). Inside a window a detection is worth
 * tpWeight * s(-(R - i + 1) / W) / MAX_TP, so earlier is better; outside, -fpWeight before the first window
 * and fpWeight * s(|i - R'| / (W' - 1)) after a window, so a late alarm right after a window costs little.
 */
export function sweepPoints(
  fileKey: string,
  scores: readonly number[],
  windows: readonly RowWindow[],
  cost: CostMatrix,
): SweepPoint[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const probation = probationLength(scores.length);
  const points: SweepPoint[] = [];
  let next = 0;
  let current: (RowWindow & { key: string }) | undefined;
  let previous: RowWindow | undefined;
  for (let i = 0; i < scores.length; i++) {
    if (current === undefined && next < sorted.length && sorted[next].start === i) {
      current = { ...sorted[next], key: `${fileKey}|${next}` };
      next++;
    }
    let weight: number;
    if (current !== undefined) {
      const width = current.end - current.start + 1;
      weight = (cost.tpWeight * scaledSigmoid(-(current.end - i + 1) / width)) / MAX_TP;
    } else if (previous !== undefined) {
      const width = previous.end - previous.start + 1;
      // A one-row window would divide by zero; NAB never has one, treat it as "far after".
      const position = width > 1 ? Math.abs(previous.end - i) / (width - 1) : Infinity;
      weight = cost.fpWeight * scaledSigmoid(position);
    } else {
      weight = -cost.fpWeight;
    }
    if (i >= probation) points.push({ score: scores[i], weight, window: current?.key });
    if (current !== undefined && i === current.end) {
      previous = current;
      current = undefined;
    }
  }
  return points;
}

export interface ThresholdScore {
  threshold: number;
  score: number;
}

/**
 * Raw score for every distinct threshold, highest first, as NAB's sweeper does: rows with score >= threshold
 * are detections; each window counts only its best (= earliest) detection, an undetected window costs
 * fnWeight. Windows are the ones that have at least one scorable row.
 */
export function scoresByThreshold(points: readonly SweepPoint[], cost: CostMatrix): ThresholdScore[] {
  const best = new Map<string, number>();
  for (const p of points) if (p.window !== undefined) best.set(p.window, -cost.fnWeight);
  let score = -cost.fnWeight * best.size;
  const sorted = [...points].sort((a, b) => b.score - a.score);
  const result: ThresholdScore[] = [{ threshold: NO_DETECTION_THRESHOLD, score }];
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    if (p.window === undefined) {
      score += p.weight;
    } else {
      const previous = best.get(p.window) as number;
      if (p.weight > previous) {
        score += p.weight - previous;
        best.set(p.window, p.weight);
      }
    }
    // Record once all rows sharing this score are in, so each threshold counts every row >= it.
    if (i === sorted.length - 1 || sorted[i + 1].score !== p.score)
      result.push({ threshold: p.score, score });
  }
  return result;
}

/** The threshold with the highest raw score; on ties the higher threshold, as NAB keeps the first max. */
export function bestThreshold(candidates: readonly ThresholdScore[]): ThresholdScore {
  let best = candidates[0];
  for (const c of candidates) {
    if (c.score > best.score || (c.score === best.score && c.threshold > best.threshold)) best = c;
  }
  return best;
}

export interface DetectionCounts {
  score: number;
  tp: number;
  fp: number;
  fn: number;
  windows: number;
}

/** Raw score of one file at a fixed threshold, with window-level TP/FN and row-level FP counts. */
export function scoreAtThreshold(
  points: readonly SweepPoint[],
  cost: CostMatrix,
  threshold: number,
): DetectionCounts {
  const best = new Map<string, number | undefined>();
  let fpScore = 0;
  let fp = 0;
  for (const p of points) {
    if (p.window !== undefined && !best.has(p.window)) best.set(p.window, undefined);
    if (p.score < threshold) continue;
    if (p.window === undefined) {
      fpScore += p.weight;
      fp++;
    } else {
      const previous = best.get(p.window);
      if (previous === undefined || p.weight > previous) best.set(p.window, p.weight);
    }
  }
  let score = fpScore;
  let tp = 0;
  for (const w of best.values()) {
    if (w === undefined) score -= cost.fnWeight;
    else {
      score += w;
      tp++;
    }
  }
  return { score, tp, fp, fn: best.size - tp, windows: best.size };
}

/** NAB's normalised score: 0 for the null detector (no detections), 100 for the perfect one. */
export function normalizedScore(rawScore: number, windows: number, cost: CostMatrix): number {
  const perfect = cost.tpWeight * windows;
  const nul = -cost.fnWeight * windows;
  return (100 * (rawScore - nul)) / (perfect - nul);
}

export interface ScoredFile {
  key: string;
  scores: readonly number[];
  windows: readonly RowWindow[];
}

export interface ProfileResult {
  profile: ProfileName;
  threshold: number;
  raw: number;
  normalized: number;
  tp: number;
  fp: number;
  fn: number;
  windows: number;
  perFile: Map<string, DetectionCounts>;
}

/** Scores a corpus under one profile: one threshold for all files, then each file at that threshold. */
export function scoreCorpus(
  files: readonly ScoredFile[],
  profile: ProfileName,
  cost = NAB_PROFILES[profile],
): ProfileResult {
  const perFilePoints = files.map((f) => sweepPoints(f.key, f.scores, f.windows, cost));
  const { threshold } = bestThreshold(scoresByThreshold(perFilePoints.flat(), cost));
  const perFile = new Map<string, DetectionCounts>();
  const total = { score: 0, tp: 0, fp: 0, fn: 0, windows: 0 };
  files.forEach((f, i) => {
    const counts = scoreAtThreshold(perFilePoints[i], cost, threshold);
    perFile.set(f.key, counts);
    total.score += counts.score;
    total.tp += counts.tp;
    total.fp += counts.fp;
    total.fn += counts.fn;
    total.windows += counts.windows;
  });
  return {
    profile,
    threshold,
    raw: total.score,
    normalized: normalizedScore(total.score, total.windows, cost),
    tp: total.tp,
    fp: total.fp,
    fn: total.fn,
    windows: total.windows,
    perFile,
  };
}
