/** Rollup resolutions kept by the store, in seconds, finest first; each is computed from the previous one. */
export const RESOLUTIONS = [60, 3600, 86400] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface SeriesRange {
  seriesId: number;
  /** epoch seconds, inclusive */
  from: number;
  /** epoch seconds, inclusive */
  to: number;
}

/**
 * Aligns written ranges to whole buckets of `resolution` and merges those that touch, per series.
 * Merging matters: two overlapping ranges joined to the points would count those points twice.
 */
export function alignAndMerge(ranges: SeriesRange[], resolution: number): SeriesRange[] {
  const aligned = ranges
    .map((r) => ({
      seriesId: r.seriesId,
      from: Math.floor(r.from / resolution) * resolution,
      // exclusive end of the last bucket touched
      to: (Math.floor(r.to / resolution) + 1) * resolution,
    }))
    .sort((a, b) => a.seriesId - b.seriesId || a.from - b.from);
  const out: SeriesRange[] = [];
  for (const r of aligned) {
    const last = out[out.length - 1];
    if (last && last.seriesId === r.seriesId && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}
