import type { Queryable } from '../db/db';
import type { NormalizedPoint } from '../ingest/normalize-points';
import { writePoints, type WriteOutcome } from '../store/points';
import type { SeriesRegistry } from '../store/series';
import {
  BUCKET_MS,
  deriveMarketing,
  deriveOnboarding,
  deriveRevenue,
  type MarketingAggregate,
  type OnboardingAggregate,
  type RevenueAggregate,
} from './derive-kpis';
import type { NormalizedEvent } from './normalize-events';

// Event writes of one organization run one at a time: each recomputes its buckets from every stored event,
// and two concurrent writers would each miss the other's uncommitted events and overwrite a bucket with it.
const EVENTS_LOCK = 7351003;

export interface EventWriteOutcome {
  accepted: number;
  inserted: number;
  duplicates: number;
  /** the derived KPI points write (series created, to cache after commit) */
  derived: WriteOutcome | null;
}

const BUCKET = `date_bin('1 hour', %s, 'epoch'::timestamptz)`;
const bucketOf = (col: string) => BUCKET.replace('%s', col);

function uniqueBuckets(ts: number[]): number[] {
  return [...new Set(ts.map((t) => t - (((t % BUCKET_MS) + BUCKET_MS) % BUCKET_MS)))].map((b) => b / 1000);
}

/** Sums of content performance per hour, by platform and campaign and by platform alone. */
async function aggregateMarketing(tx: Queryable, orgId: number, buckets: number[]) {
  const { rows } = await tx.query<{
    b: number;
    platform: string;
    campaign: string | null;
    impressions: number;
    clicks: number;
    conversions: number;
    cost: number;
  }>(
    `SELECT extract(epoch FROM bk.b)::float8 * 1000 AS b, e.payload ->> 'platform' AS platform,
            CASE WHEN GROUPING(e.payload ->> 'campaignId') = 0 THEN e.payload ->> 'campaignId' END AS campaign,
            sum((e.payload ->> 'impressions')::float8)::float8 AS impressions,
            sum((e.payload ->> 'clicks')::float8)::float8 AS clicks,
            sum((e.payload ->> 'conversions')::float8)::float8 AS conversions,
            sum((e.payload ->> 'cost')::float8)::float8 AS cost
     FROM unnest($2::float8[]) AS u(s) CROSS JOIN LATERAL (SELECT to_timestamp(u.s) AS b) bk
     JOIN events e ON e.org_id = $1 AND e.type = 'content_performance'
       AND e.ts >= bk.b AND e.ts < bk.b + interval '1 hour'
     GROUP BY GROUPING SETS ((bk.b, e.payload ->> 'platform', e.payload ->> 'campaignId'),
                             (bk.b, e.payload ->> 'platform'))`,
    [orgId, buckets],
  );
  return rows.map((r): MarketingAggregate => ({
    bucket: r.b,
    dims: r.campaign === null ? { platform: r.platform } : { platform: r.platform, campaignId: r.campaign },
    impressions: r.impressions,
    clicks: r.clicks,
    conversions: r.conversions,
    cost: r.cost,
  }));
}

/**
 * Signups per start hour, by source and overall. A user's completion counts for their start's hour
 * whenever it arrives (before or after the start), so the result does not depend on arrival order.
 */
async function aggregateOnboarding(tx: Queryable, orgId: number, buckets: number[]) {
  const { rows } = await tx.query<{
    b: number;
    source: string | null;
    started: number;
    completed: number;
    avg_s: number | null;
  }>(
    `SELECT extract(epoch FROM bk.b)::float8 * 1000 AS b,
            CASE WHEN GROUPING(s.payload ->> 'source') = 0 THEN s.payload ->> 'source' END AS source,
            count(*)::float8 AS started, count(c.first_ts)::float8 AS completed,
            -- greatest() skips NULLs, so users without a completion are kept out of the mean explicitly
            avg(CASE WHEN c.first_ts IS NOT NULL THEN greatest(0, extract(epoch FROM c.first_ts - s.ts)) END)::float8
              AS avg_s
     FROM unnest($2::float8[]) AS u(x) CROSS JOIN LATERAL (SELECT to_timestamp(u.x) AS b) bk
     JOIN events s ON s.org_id = $1 AND s.type = 'signup_started'
       AND s.ts >= bk.b AND s.ts < bk.b + interval '1 hour'
     LEFT JOIN LATERAL (
       SELECT min(c.ts) AS first_ts FROM events c
       WHERE c.org_id = $1 AND c.type = 'signup_completed'
         AND (c.payload ->> 'userId') = (s.payload ->> 'userId')) c ON true
     GROUP BY GROUPING SETS ((bk.b, s.payload ->> 'source'), (bk.b))`,
    [orgId, buckets],
  );
  return rows.map((r): OnboardingAggregate => ({
    bucket: r.b,
    dims: r.source === null ? {} : { source: r.source },
    started: r.started,
    completed: r.completed,
    avgSecondsToComplete: r.avg_s,
  }));
}

/** Payments per hour: counts by method, by plan and overall; money by the same groupings and currency. */
async function aggregateRevenue(tx: Queryable, orgId: number, buckets: number[]) {
  const { rows } = await tx.query<{
    b: number;
    method: string | null;
    plan: string | null;
    currency: string | null;
    payments: number;
    succeeded: number;
    failed: number;
    refunded: number;
    revenue: number;
    refunds: number;
  }>(
    `SELECT extract(epoch FROM bk.b)::float8 * 1000 AS b,
            CASE WHEN GROUPING(e.payload ->> 'method') = 0 THEN e.payload ->> 'method' END AS method,
            CASE WHEN GROUPING(e.payload ->> 'plan') = 0 THEN e.payload ->> 'plan' END AS plan,
            CASE WHEN GROUPING(e.payload ->> 'currency') = 0 THEN e.payload ->> 'currency' END AS currency,
            count(*)::float8 AS payments,
            count(*) FILTER (WHERE e.payload ->> 'status' = 'succeeded')::float8 AS succeeded,
            count(*) FILTER (WHERE e.payload ->> 'status' = 'failed')::float8 AS failed,
            count(*) FILTER (WHERE e.payload ->> 'status' = 'refunded')::float8 AS refunded,
            coalesce(sum((e.payload ->> 'amount')::float8)
              FILTER (WHERE e.payload ->> 'status' = 'succeeded'), 0)::float8 AS revenue,
            coalesce(sum((e.payload ->> 'amount')::float8)
              FILTER (WHERE e.payload ->> 'status' = 'refunded'), 0)::float8 AS refunds
     FROM unnest($2::float8[]) AS u(s) CROSS JOIN LATERAL (SELECT to_timestamp(u.s) AS b) bk
     JOIN events e ON e.org_id = $1 AND e.type = 'payment'
       AND e.ts >= bk.b AND e.ts < bk.b + interval '1 hour'
     GROUP BY GROUPING SETS ((bk.b, e.payload ->> 'method'), (bk.b, e.payload ->> 'plan'), (bk.b),
                             (bk.b, e.payload ->> 'method', e.payload ->> 'currency'),
                             (bk.b, e.payload ->> 'plan', e.payload ->> 'currency'),
                             (bk.b, e.payload ->> 'currency'))`,
    [orgId, buckets],
  );
  return rows.map((r): RevenueAggregate => {
    const dims: Record<string, string> = {};
    if (r.method !== null) dims.method = r.method;
    if (r.plan !== null) dims.plan = r.plan;
    if (r.currency !== null) dims.currency = r.currency;
    return { ...r, bucket: r.b, dims };
  });
}

/**
 * Stores events inside the caller's transaction (a re-sent id is a duplicate: kept once, never counted
 * twice), then recomputes the derived KPIs of every hour the new events touch from all stored events and
 * writes them as ordinary points (the same transaction, so events and their KPIs commit together).
 */
export async function writeEvents(
  tx: Queryable,
  registry: SeriesRegistry,
  orgId: number,
  events: NormalizedEvent[],
): Promise<EventWriteOutcome> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [EVENTS_LOCK, orgId]);
  const { rows: fresh } = await tx.query<{ type: string; t: number; user_id: string | null }>(
    `INSERT INTO events (org_id, type, id, ts, payload)
     SELECT $1, ty, id, to_timestamp(t), p::jsonb
     FROM unnest($2::text[], $3::text[], $4::float8[], $5::text[]) AS u(ty, id, t, p)
     ON CONFLICT (org_id, type, id) DO NOTHING
     RETURNING type, extract(epoch FROM ts)::float8 * 1000 AS t, payload ->> 'userId' AS user_id`,
    [
      orgId,
      events.map((e) => e.type),
      events.map((e) => e.id),
      events.map((e) => e.ts / 1000),
      events.map((e) => JSON.stringify(e.payload)),
    ],
  );
  const ts = (type: string) => fresh.filter((r) => r.type === type).map((r) => r.t);
  const derived: NormalizedPoint[] = [];
  const marketing = uniqueBuckets(ts('content_performance'));
  if (marketing.length) derived.push(...deriveMarketing(await aggregateMarketing(tx, orgId, marketing)));
  const completedUsers = fresh.filter((r) => r.type === 'signup_completed').map((r) => r.user_id);
  let onboarding = uniqueBuckets(ts('signup_started'));
  if (completedUsers.length) {
    // A completion changes the bucket of its user's start, wherever that start lies.
    const { rows } = await tx.query<{ t: number }>(
      `SELECT DISTINCT extract(epoch FROM ${bucketOf('ts')})::float8 * 1000 AS t FROM events
       WHERE org_id = $1 AND type = 'signup_started' AND (payload ->> 'userId') = ANY($2::text[])`,
      [orgId, completedUsers],
    );
    onboarding = [...new Set([...onboarding, ...uniqueBuckets(rows.map((r) => r.t))])];
  }
  if (onboarding.length) derived.push(...deriveOnboarding(await aggregateOnboarding(tx, orgId, onboarding)));
  const revenue = uniqueBuckets(ts('payment'));
  if (revenue.length) derived.push(...deriveRevenue(await aggregateRevenue(tx, orgId, revenue)));
  const outcome = derived.length ? await writePoints(tx, registry, orgId, derived) : null;
  return {
    accepted: events.length,
    inserted: fresh.length,
    duplicates: events.length - fresh.length,
    derived: outcome,
  };
}
