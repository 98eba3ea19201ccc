import erfc from '@stdlib/math-base-special-erfc';

export type Direction = 'up' | 'down' | 'none';

export interface AnomalyResult {
  score: number;
  direction: Direction;
  expected: number;
  lower: number;
  upper: number;
  deviation: number;
}

export interface DetectorOptions {
  localWindow: number;
  errorAlpha: number;
  scaleAlpha: number;
  shortWindow: number;
  surpriseAlpha: number;
  refractory: number;
  warmup: number;
  spatialTolerance: number;
  seasonDays: number;
  bandZ: number;
  mode: number;
}

export const DEFAULT_OPTIONS: DetectorOptions = {
  localWindow: 10,
  errorAlpha: 0.02,
  scaleAlpha: 0.01,
  shortWindow: 5,
  surpriseAlpha: 0.002,
  refractory: 300,
  warmup: 150,
  spatialTolerance: 0.05,
  seasonDays: 5,
  bandZ: 3,
  mode: 0,
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function upperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

const DAY = 86_400_000;

export class StreamingAnomalyDetector {
  private readonly o: DetectorOptions;
  private n = 0;
  private recent: number[] = [];
  private lastT = NaN;
  private intervals: number[] = [];
  private slotMs = 0;
  private seasonal = new Map<number, number[]>();
  private predErr: number[] = [];
  private predScale: number[] = [];
  private shortSurprise: number[] = [];
  private sMean = 0;
  private sVar = 1;
  private min = Infinity;
  private max = -Infinity;
  private history: number[] = [];
  private rawHistory: number[] = [];
  private firstT = NaN;

  constructor(options: Partial<DetectorOptions> = {}) {
    this.o = { ...DEFAULT_OPTIONS, ...options };
  }

  update(timestampMs: number, value: number): AnomalyResult {
    const o = this.o;
    this.n++;
    if (Number.isNaN(this.firstT)) this.firstT = timestampMs;
    if (!Number.isNaN(this.lastT) && this.intervals.length < 50 && timestampMs > this.lastT) {
      this.intervals.push(timestampMs - this.lastT);
      if (this.intervals.length === 50) {
        const m = median(this.intervals);
        this.slotMs = m <= DAY / 12 ? Math.max(60_000, m) : 0;
      }
    }
    this.lastT = timestampMs;

    // Predictions
    const preds: number[] = [];
    preds.push(this.recent.length ? median(this.recent) : value);
    let slot = -1;
    if (this.slotMs > 0) {
      slot = Math.floor((timestampMs % DAY) / this.slotMs);
      const past = this.seasonal.get(slot);
      const spanDays = (timestampMs - this.firstT) / DAY;
      if (past && past.length >= 2 && spanDays >= 2) preds.push(median(past));
    }
    let best = 0;
    for (let k = 1; k < preds.length; k++) {
      if (this.predErr[k] !== undefined && this.predErr[k] < this.predErr[best]) best = k;
    }
    const expected = preds[best];
    const scale = Math.max(this.predScale[best] ?? 0, 1e-9 + 1e-6 * Math.abs(expected));
    const residual = value - expected;
    const z = residual / scale;

    // Update predictor errors and scales with clipped residuals (robust to the anomaly itself)
    for (let k = 0; k < preds.length; k++) {
      const r = Math.abs(value - preds[k]);
      const sc = this.predScale[k];
      const clipped = sc === undefined || this.n < o.warmup ? r : Math.min(r, 4 * sc);
      this.predErr[k] =
        this.predErr[k] === undefined ? r : this.predErr[k] + o.errorAlpha * (clipped - this.predErr[k]);
      this.predScale[k] = sc === undefined ? r : sc + o.scaleAlpha * (clipped - sc);
    }

    // Surprise likelihood
    const surprise = Math.min(Math.abs(z), 20);
    this.shortSurprise.push(surprise);
    if (this.shortSurprise.length > o.shortWindow) this.shortSurprise.shift();
    const shortMean = this.shortSurprise.reduce((a, b) => a + b, 0) / this.shortSurprise.length;
    const sd = Math.sqrt(Math.max(this.sVar, 1e-6));
    const likelihoodZ = (shortMean - this.sMean) / sd;
    const instZ = (surprise - this.sMean) / sd;
    const d = surprise - this.sMean;
    this.sMean += o.surpriseAlpha * d;
    this.sVar = (1 - o.surpriseAlpha) * (this.sVar + o.surpriseAlpha * d * d);

    let raw = 1 - upperTail(Math.max(likelihoodZ, o.mode === 1 ? instZ / 3 : -Infinity));

    // Spatial novelty
    const range = this.max - this.min;
    if (this.n > o.warmup && range > 0) {
      if (value > this.max + o.spatialTolerance * range || value < this.min - o.spatialTolerance * range)
        raw = Math.max(raw, 1);
    }
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);

    // State updates
    this.recent.push(value);
    if (this.recent.length > o.localWindow) this.recent.shift();
    if (slot >= 0) {
      let past = this.seasonal.get(slot);
      if (!past) this.seasonal.set(slot, (past = []));
      past.push(value);
      if (past.length > o.seasonDays) past.shift();
    }
    this.history.push(value);

    if (this.n <= o.warmup) raw = 0;
    // Refractory: only a new high over the recent raw scores is reported
    let prevMax = 0;
    for (const r of this.rawHistory) prevMax = Math.max(prevMax, r);
    this.rawHistory.push(raw);
    if (this.rawHistory.length > o.refractory) this.rawHistory.shift();
    const score = raw > prevMax ? raw : raw * 0.5;

    return {
      score,
      direction: raw < 0.5 ? 'none' : residual > 0 ? 'up' : 'down',
      expected,
      lower: expected - o.bandZ * scale,
      upper: expected + o.bandZ * scale,
      deviation: z,
    };
  }
}
