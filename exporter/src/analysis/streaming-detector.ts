let HISTW = Number(process.env.HISTW ?? 0);
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
  tailWindow: number;
  tailFraction: number;
  meanWindows: number[];
  refractory: number;
  damp: number;
  warmup: number;
  seasonDays: number;
  seasonWeeks: number;
  bandZ: number;
  mode: number;
  bitsScale: number;
  recordDecay: number;
  typAlpha: number;
  valueNovelty: boolean;
  recordWarmup: number;
  useDaily: boolean;
  useWeekly: boolean;
  seasonGate: number;
  tail: number;
  topK: number;
  margin: number;
  r2Alpha: number;
  volWindows: number[];
  mode2: number;
}

export const DEFAULT_OPTIONS: DetectorOptions = {
  localWindow: 10,
  errorAlpha: 0.02,
  scaleAlpha: 0.01,
  tailWindow: 2000,
  tailFraction: 0.02,
  meanWindows: [1, 6],
  refractory: 300,
  damp: 0.5,
  warmup: 100,
  seasonDays: 5,
  seasonWeeks: 3,
  bandZ: 3,
  mode: 1,
  bitsScale: 10,
  recordDecay: 0.99999,
  typAlpha: 0.01,
  valueNovelty: true,
  recordWarmup: 10,
  useDaily: true,
  useWeekly: true,
  seasonGate: 1,
  tail: 0,
  topK: 20,
  margin: 1,
  r2Alpha: 0.005,
  volWindows: [],
  mode2: 0,
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Index of the first element >= x in an ascending array. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class TailModel {
  private readonly fifo: number[] = [];
  private readonly sorted: number[] = [];
  constructor(
    private readonly size: number,
    private readonly fraction: number,
  ) {}

  get count(): number {
    return this.sorted.length;
  }

  /** -log10 of the probability of a value >= x. */
  bits(x: number): number {
    const n = this.sorted.length;
    if (n < 10) return 0;
    const k = Math.max(5, Math.floor(this.fraction * n));
    const u = this.sorted[n - k];
    if (x <= u) {
      const c = n - lowerBound(this.sorted, x);
      return -Math.log10((c + 1) / (n + 1));
    }
    let excess = 0;
    for (let i = n - k; i < n; i++) excess += this.sorted[i] - u;
    const beta = Math.max(excess / k, 1e-9 * Math.max(1, Math.abs(u)), 1e-12);
    return -Math.log10(k / (n + 1)) + (x - u) / beta / Math.LN10;
  }

  add(x: number): void {
    this.fifo.push(x);
    this.sorted.splice(lowerBound(this.sorted, x), 0, x);
    if (this.fifo.length > this.size) {
      const old = this.fifo.shift() as number;
      this.sorted.splice(lowerBound(this.sorted, old), 1);
    }
  }
}

/** Decayed record: how far x exceeds the largest value seen (forgetting slowly), in units of max - typical. */
class RecordModel {
  private max = -Infinity;
  private typical = NaN;
  private n = 0;
  constructor(
    private readonly decay: number,
    private readonly typAlpha: number,
    private readonly warm: number,
  ) {}
  get count(): number {
    return this.n;
  }
  bits(x: number): number {
    if (this.n < this.warm) return 0;
    const spread = Math.max(this.max - this.typical, 1e-9 * Math.max(1, Math.abs(this.typical)));
    return Math.max(0, (x - this.max) / spread) * 10 * (HISTW > 0 ? Math.log10(1 + this.n / HISTW) : 1);
  }
  add(x: number): void {
    this.n++;
    this.typical = Number.isNaN(this.typical) ? x : this.typical + this.typAlpha * (x - this.typical);
    const decayed = this.typical + (this.max - this.typical) * this.decay;
    this.max = this.n === 1 ? x : Math.max(x, decayed);
  }
}

/** Exponential tail fitted to the k largest values ever seen (peaks over threshold), with the count seen. */
class TopKTail {
  private readonly top: number[] = [];
  private n = 0;
  constructor(
    private readonly k: number,
    private readonly warm: number,
    private readonly decay: number,
  ) {}
  bits(x: number): number {
    if (this.n < this.warm || this.top.length < this.k) return 0;
    const k = this.k;
    const u = this.top[k - 1];
    if (x <= u) {
      let c = 0;
      while (c < k && this.top[c] >= x) c++;
      return Math.log10(this.n / (c + 1));
    }
    let excess = 0;
    for (let i = 0; i < k - 1; i++) excess += this.top[i] - u;
    const beta = Math.max(excess / (k - 1), 1e-9 * Math.max(1, Math.abs(u)), 1e-12);
    return Math.log10(this.n / k) + (x - u) / beta / Math.LN10;
  }
  add(x: number): void {
    this.n = this.n * this.decay + 1;
    if (this.top.length < this.k || x > this.top[this.top.length - 1]) {
      let i = this.top.length;
      while (i > 0 && this.top[i - 1] < x) i--;
      this.top.splice(i, 0, x);
      if (this.top.length > this.k) this.top.pop();
    }
  }
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export class StreamingAnomalyDetector {
  private readonly o: DetectorOptions;
  private n = 0;
  private recent: number[] = [];
  private lastT = NaN;
  private firstT = NaN;
  private intervals: number[] = [];
  private slotMs = 0;
  private daily = new Map<number, number[]>();
  private weekly = new Map<number, number[]>();
  private predErr: number[] = [];
  private predScale: number[] = [];
  private predMse: number[] = [];
  private xMean = 0;
  private xVar = 0;
  private zs: number[][] = [[], [], []];
  private records = new Map<string, RecordModel | TopKTail>();
  private bitsHistory: number[] = [];
  private lastRow = -Infinity;
  private lastBits = 0;

  constructor(options: Partial<DetectorOptions> = {}) {
    this.o = { ...DEFAULT_OPTIONS, ...options };
  }

  private feature(name: string, x: number): number {
    let m = this.records.get(name);
    if (!m) {
      m =
        this.o.tail === 0
          ? new RecordModel(this.o.recordDecay, this.o.typAlpha, this.o.recordWarmup)
          : new TopKTail(this.o.topK, this.o.recordWarmup, this.o.recordDecay);
      this.records.set(name, m);
    }
    const b = m.bits(x);
    m.add(x);
    return b;
  }

  update(timestampMs: number, value: number): AnomalyResult {
    const o = this.o;
    this.n++;
    if (Number.isNaN(this.firstT)) this.firstT = timestampMs;
    if (!Number.isNaN(this.lastT) && this.slotMs === 0 && this.intervals.length < 50 && timestampMs > this.lastT) {
      this.intervals.push(timestampMs - this.lastT);
      if (this.intervals.length === 50) {
        const m = median(this.intervals);
        this.slotMs = m <= DAY / 12 ? Math.max(60_000, m) : -1;
      }
    }
    this.lastT = timestampMs;
    const span = timestampMs - this.firstT;

    const preds: (number | undefined)[] = [this.recent.length ? median(this.recent) : undefined, undefined, undefined];
    let dSlot = -1;
    let wSlot = -1;
    if (this.slotMs > 0) {
      dSlot = Math.floor((timestampMs % DAY) / this.slotMs);
      wSlot = Math.floor(((timestampMs + 3 * DAY) % WEEK) / this.slotMs);
      const d = this.daily.get(dSlot);
      if (o.useDaily && d && d.length >= 2 && span >= 2 * DAY) preds[1] = median(d);
      const w = this.weekly.get(wSlot);
      if (o.useWeekly && w && w.length >= 2 && span >= 2 * WEEK) preds[2] = median(w);
    }
    let best = 0;
    for (let k = 1; k < preds.length; k++) {
      if (preds[k] !== undefined && this.predErr[k] < this.predErr[best]) best = k;
    }
    const expected = preds[best] ?? value;
    const scale = Math.max(this.predScale[best] ?? 0, 1e-9 + 1e-6 * Math.abs(expected));
    const residual = value - expected;
    const z = residual / scale;

    let bits = 0;
    if (o.mode === 1 || o.mode === 3) {
      const hist = this.zs[0];
      hist.push(Math.max(-50, Math.min(50, z)));
      if (hist.length > 64) hist.shift();
      for (const w of o.meanWindows) {
        if (hist.length < w) continue;
        let sum = 0;
        for (let j = hist.length - w; j < hist.length; j++) sum += hist[j];
        bits = Math.max(bits, this.feature(`best${w}`, Math.abs(sum / w)));
      }
      for (const w of o.volWindows) {
        if (hist.length < w) continue;
        let sum = 0;
        for (let j = hist.length - w; j < hist.length; j++) sum += Math.abs(hist[j]);
        bits = Math.max(bits, this.feature(`vol${w}`, sum / w));
      }
    }
    for (let k = 0; k < preds.length; k++) {
      const pk = preds[k];
      if (pk === undefined) continue;
      const r = value - pk;
      const sc = Math.max(this.predScale[k] ?? Math.abs(r), 1e-9 + 1e-6 * Math.abs(pk));
      const zk = Math.max(-50, Math.min(50, r / sc));
      const hist = this.zs[k];
      const r2 = this.xVar > 0 ? 1 - (this.predMse[k] ?? Infinity) / this.xVar : 0;
      const useIt = o.mode === 2 || (o.mode === 3 && k > 0 && r2 > o.seasonGate);
      this.predMse[k] = this.predMse[k] === undefined ? r * r : this.predMse[k] + o.r2Alpha * (r * r - this.predMse[k]);
      hist.push(zk);
      if (hist.length > 64) hist.shift();
      for (const w of useIt ? o.meanWindows : []) {
        if (hist.length < w) continue;
        let sum = 0;
        for (let j = hist.length - w; j < hist.length; j++) sum += hist[j];
        const mean = sum / w;
        bits = Math.max(bits, this.feature(`${k}+${w}`, mean), this.feature(`${k}-${w}`, -mean));
      }
      const a = Math.abs(r);
      const clipped = this.predScale[k] === undefined || this.n < o.warmup ? a : Math.min(a, 4 * sc);
      this.predErr[k] = this.predErr[k] === undefined ? a : this.predErr[k] + o.errorAlpha * (clipped - this.predErr[k]);
      this.predScale[k] = this.predScale[k] === undefined ? a : this.predScale[k] + o.scaleAlpha * (clipped - this.predScale[k]);
    }
    const dx = value - this.xMean;
    this.xMean += o.r2Alpha * dx;
    this.xVar = (1 - o.r2Alpha) * (this.xVar + o.r2Alpha * dx * dx);
    if (o.valueNovelty) bits = Math.max(bits, this.feature('v+', value), this.feature('v-', -value));

    this.recent.push(value);
    if (this.recent.length > o.localWindow) this.recent.shift();
    if (dSlot >= 0) {
      let d = this.daily.get(dSlot);
      if (!d) this.daily.set(dSlot, (d = []));
      d.push(value);
      if (d.length > o.seasonDays) d.shift();
      let w = this.weekly.get(wSlot);
      if (!w) this.weekly.set(wSlot, (w = []));
      w.push(value);
      if (w.length > o.seasonWeeks) w.shift();
    }

    if (this.n <= o.warmup) bits = 0;
    let shown: number;
    if (o.mode2 === 1) {
      const recent = this.n - this.lastRow < o.refractory;
      shown = bits > 0 && (!recent || bits > o.margin * this.lastBits) ? bits : bits * o.damp;
      if (shown > 0 && shown === bits) {
        this.lastRow = this.n;
        this.lastBits = bits;
      }
    } else {
      let prevMax = 0;
      for (const b of this.bitsHistory) prevMax = Math.max(prevMax, b);
      this.bitsHistory.push(bits);
      if (this.bitsHistory.length > o.refractory) this.bitsHistory.shift();
      shown = bits > prevMax * o.margin ? bits : bits * o.damp;
    }
    const score = shown / (shown + o.bitsScale);

    return {
      score,
      direction: score < 0.5 ? 'none' : residual > 0 ? 'up' : 'down',
      expected,
      lower: expected - o.bandZ * scale,
      upper: expected + o.bandZ * scale,
      deviation: z,
    };
  }
}
