/** Small numeric helpers shared by the benchmarks (pure). */

/** The q-quantile (0..1) of the samples by linear interpolation between closest ranks. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function secondsSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

/** Milliseconds `fn` took. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export const fmtInt = (v: number): string => Math.round(v).toLocaleString('en-US');
export const fmtMs = (v: number): string => `${v.toFixed(1)} ms`;
export const fmtMb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
