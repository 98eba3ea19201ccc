// Small fixed-capacity buffers for streaming statistics; all memory is bounded by the capacity.

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The last `capacity` values, oldest first. */
export class RollingWindow {
  private readonly buffer: number[] = [];

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('capacity must be at least 1');
  }

  get length(): number {
    return this.buffer.length;
  }

  get values(): readonly number[] {
    return this.buffer;
  }

  push(x: number): void {
    this.buffer.push(x);
    if (this.buffer.length > this.capacity) this.buffer.shift();
  }

  median(): number {
    return median(this.buffer);
  }

  /** Mean of the newest `count` values; NaN until that many have been pushed. */
  meanOfLast(count: number): number {
    const n = this.buffer.length;
    if (count < 1 || count > n) return NaN;
    let sum = 0;
    for (let i = n - count; i < n; i++) sum += this.buffer[i];
    return sum / count;
  }
}
