// "Is this the most extreme value of its kind seen so far, and by how much?" Scores how far a value exceeds
// the slowly forgotten maximum of its history, in units of the gap between that maximum and the typical
// value. Self-calibrating: a series that often spikes has a high maximum, so only a bigger spike counts.
// O(1) time and memory per update.

export interface RecordNoveltyOptions {
  /** Per-update factor pulling the remembered maximum back towards the typical value (forgetting). */
  decay: number;
  /** Weight of a new value in the exponentially weighted typical value. */
  typicalAlpha: number;
  /** Updates to see before scoring, so that the first values of a series are not all records. */
  warmup: number;
}

export class RecordNovelty {
  private max = -Infinity;
  private typical = NaN;
  private seen = 0;

  constructor(private readonly options: RecordNoveltyOptions) {}

  get count(): number {
    return this.seen;
  }

  /** Exceedance over the remembered maximum in units of (maximum - typical); 0 when not a record. */
  novelty(x: number): number {
    if (this.seen < this.options.warmup) return 0;
    const spread = Math.max(this.max - this.typical, 1e-9 * Math.max(1, Math.abs(this.typical)));
    return Math.max(0, (x - this.max) / spread);
  }

  add(x: number): void {
    const { decay, typicalAlpha } = this.options;
    this.seen++;
    this.typical = this.seen === 1 ? x : this.typical + typicalAlpha * (x - this.typical);
    const remembered = this.typical + (this.max - this.typical) * decay;
    this.max = this.seen === 1 ? x : Math.max(x, remembered);
  }

  /** Score of x against the history so far, then x joins the history. */
  scoreAndAdd(x: number): number {
    const n = this.novelty(x);
    this.add(x);
    return n;
  }
}
