/** The 1-minute aggregates of a batch's points, one element per series and minute (parallel arrays). */
export interface MinuteAggregates {
  seriesIds: number[];
  /** minute start, epoch seconds */
  minutes: number[];
  counts: number[];
  sums: number[];
  mins: number[];
  maxs: number[];
  lasts: number[];
  /** time of the last value, epoch seconds */
  lastTimes: number[];
}

/**
 * Aggregates points sorted by (series, time), at most one per series and time, into 1-minute buckets: what
 * the rollup pass merges into the stored 1-minute rollups for points known to be new.
 */
export function minuteAggregates(sid: number[], tsMs: number[], val: number[]): MinuteAggregates {
  const out: MinuteAggregates = {
    seriesIds: [],
    minutes: [],
    counts: [],
    sums: [],
    mins: [],
    maxs: [],
    lasts: [],
    lastTimes: [],
  };
  let k = -1;
  for (let i = 0; i < sid.length; i++) {
    const minute = Math.floor(tsMs[i] / 60_000) * 60;
    const v = val[i];
    if (k < 0 || out.seriesIds[k] !== sid[i] || out.minutes[k] !== minute) {
      k++;
      out.seriesIds.push(sid[i]);
      out.minutes.push(minute);
      out.counts.push(1);
      out.sums.push(v);
      out.mins.push(v);
      out.maxs.push(v);
    } else {
      out.counts[k]++;
      out.sums[k] += v;
      if (v < out.mins[k]) out.mins[k] = v;
      if (v > out.maxs[k]) out.maxs[k] = v;
    }
    // sorted by time within a series: the latest so far is this one
    out.lasts[k] = v;
    out.lastTimes[k] = tsMs[i] / 1000;
  }
  return out;
}
