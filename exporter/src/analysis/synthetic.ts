// Deterministic random numbers for the tests of the analysis modules: the same seed gives the same synthetic
// series on every run, so a test on a planted signal or a false-positive rate cannot flake.

/** Uniform numbers in [0, 1) from mulberry32. */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers (Box-Muller on mulberry32). */
export function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** AR(1) noise with unit marginal variance and lag-1 autocorrelation `rho`. */
export function ar1(seed: number, rho: number): () => number {
  const g = gaussian(seed);
  let x = g();
  const s = Math.sqrt(1 - rho * rho);
  return () => (x = rho * x + s * g());
}

/** A weekly multiplier for daily business data: weekdays busy, the weekend quieter (index 0 = Monday). */
export const WEEKLY_SHAPE = [1.05, 1.1, 1.1, 1.05, 1.0, 0.8, 0.75];

/** An hour-of-day multiplier: quiet at night, a daytime peak. */
export function dailyShape(hour: number): number {
  return 1 + 0.5 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
}
