import type { ScorePoint } from '@kpilens/contract';

export interface ChartPoint {
  x: number;
  y: number;
  /** the level's colour name, for the theme to resolve */
  color: string;
  scoredAt: number;
  probability: number;
}

export interface HistoryChart {
  points: ChartPoint[];
  /** the polyline through the points, "x,y x,y ..." */
  line: string;
  from: number | null;
  to: number | null;
}

/**
 * Places an account's scores on a chart of the given size: time left to right, probability of paying
 * on time bottom (0) to top (1). Scores without a probability (too little history) are left out.
 */
export function historyChart(scores: readonly ScorePoint[], width: number, height: number): HistoryChart {
  const known = scores
    .filter((s) => s.probability !== null)
    .map((s) => ({ at: Date.parse(s.scoredAt), p: s.probability as number, color: s.color }))
    .sort((a, b) => a.at - b.at);
  if (known.length === 0) {
    return { points: [], line: '', from: null, to: null };
  }
  const from = known[0].at;
  const to = known[known.length - 1].at;
  const span = to - from;
  const points = known.map((s) => ({
    // one score: in the middle
    x: span === 0 ? width / 2 : ((s.at - from) / span) * width,
    y: (1 - s.p) * height,
    color: s.color,
    scoredAt: s.at,
    probability: s.p,
  }));
  const line = points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
  return { points, line, from, to };
}

const round = (v: number) => Math.round(v * 10) / 10;
