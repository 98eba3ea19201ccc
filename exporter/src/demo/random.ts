/**
 * Counter-based deterministic randomness: every draw is a hash of (seed, stream, index, draw number), so
 * the value of any series at any hour can be computed on its own, in any order. That is what lets the
 * demo write history, catch up after a pause and feed live hours that all agree with each other.
 */

function fmix32(h: number): number {
  // MurmurHash3 finalizer: full avalanche of a 32-bit state.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string: a stable 32-bit stream id for a series or cell name. */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Independent draws for one (seed, stream, index): the same arguments always give the same sequence. */
export class Draws {
  private readonly base: number;
  private n = 0;

  constructor(seed: number, stream: number, index: number) {
    this.base = fmix32(fmix32(fmix32(seed ^ 0x9e3779b9) ^ stream) ^ (index | 0));
  }

  /** Uniform in (0, 1), never 0 or 1 (safe for logarithms). */
  uniform(): number {
    const h = fmix32(this.base ^ Math.imul(++this.n, 0x27d4eb2d));
    return (h + 0.5) / 4294967296;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Multiplicative noise with median 1 and the given log-scale spread. */
  lognormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** Poisson count; exact by inversion for small means, normal approximation above 30. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const u = this.uniform();
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** Binomial count of successes in n trials; exact by inversion when the variance is small. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const variance = n * p * (1 - p);
    if (variance >= 9)
      return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance) * this.normal())));
    const u = this.uniform();
    const odds = p / (1 - p);
    let k = 0;
    let pmf = Math.pow(1 - p, n);
    let cdf = pmf;
    while (u > cdf && k < n) {
      pmf *= ((n - k) / (k + 1)) * odds;
      k++;
      cdf += pmf;
    }
    return k;
  }
}
