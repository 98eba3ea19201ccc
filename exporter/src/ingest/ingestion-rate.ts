// Points stored per organization over the last hour, counted by this replica in 10-second buckets (a
// ring per organization), so the app can show an ingestion rate without Prometheus or a database write.

const BUCKET_MS = 10_000;
const HISTORY_MS = 3_600_000;
const BUCKETS = HISTORY_MS / BUCKET_MS;

export const RATE_WINDOWS_S = [60, 300, 3600] as const;

interface OrgRing {
  /** bucket index (time / BUCKET_MS) each slot holds, to tell a stale slot from a current one */
  slots: Float64Array;
  counts: Float64Array;
  lastWriteMs: number;
}

export interface RateWindow {
  seconds: number;
  points: number;
  perSecond: number;
}

export class IngestionRate {
  private readonly orgs = new Map<number, OrgRing>();

  constructor(readonly startedMs: number = Date.now()) {}

  record(orgId: number, points: number, nowMs: number = Date.now()): void {
    if (points <= 0) return;
    let ring = this.orgs.get(orgId);
    if (!ring) {
      ring = { slots: new Float64Array(BUCKETS).fill(-1), counts: new Float64Array(BUCKETS), lastWriteMs: 0 };
      this.orgs.set(orgId, ring);
    }
    const bucket = Math.floor(nowMs / BUCKET_MS);
    const i = bucket % BUCKETS;
    if (ring.slots[i] !== bucket) {
      ring.slots[i] = bucket;
      ring.counts[i] = 0;
    }
    ring.counts[i] += points;
    ring.lastWriteMs = Math.max(ring.lastWriteMs, nowMs);
  }

  /**
   * Points of the buckets that started within each window (so a window may reach up to one bucket further
   * back), per second of the time this replica ran in it.
   */
  windows(orgId: number, nowMs: number = Date.now()): RateWindow[] {
    const ring = this.orgs.get(orgId);
    const current = Math.floor(nowMs / BUCKET_MS);
    return RATE_WINDOWS_S.map((seconds) => {
      const first = Math.floor((nowMs - seconds * 1000) / BUCKET_MS) + 1;
      let points = 0;
      if (ring)
        for (let b = Math.max(first, current - BUCKETS + 1); b <= current; b++)
          if (ring.slots[b % BUCKETS] === b) points += ring.counts[b % BUCKETS];
      const ranS = Math.min(seconds, Math.max(1, (nowMs - this.startedMs) / 1000));
      return { seconds, points, perSecond: points / ranS };
    });
  }

  lastWrite(orgId: number): number | null {
    return this.orgs.get(orgId)?.lastWriteMs || null;
  }
}
