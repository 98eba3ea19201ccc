import type { Insight, KpiDefinition } from '@kpilens/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../db/db';
import { listLearnings } from '../models/analysis-store';
import { listInsights } from '../models/insights-store';
import type { AuditOptions } from './audit';
import { generateRecommendations, type PeerValue } from './generate';
import { storeRecommendations, type StoreOutcome } from './store';

const DAY_MS = 86_400_000;
// Metrics whose platform-level values are compared to move budget between platforms.
const PEER_METRICS = ['cpl', 'cpc', 'roas'];

/** Mean hourly value over the last 7 days of each platform-level series of the peer metrics. */
export async function readPeers(
  q: Queryable,
  orgId: number,
  model: string,
  nowMs: number,
): Promise<PeerValue[]> {
  const { rows } = await q.query<{ metric: string; dimensions: Record<string, string>; v: number }>(
    `SELECT s.metric, s.dimensions, sum(r.sum) / nullif(sum(r.count), 0) AS v
     FROM series s JOIN rollups r ON r.series_id = s.id AND r.resolution = 3600
       AND r.bucket >= to_timestamp($4::float8 / 1000) AND r.bucket < to_timestamp($5::float8 / 1000)
     WHERE s.org_id = $1 AND s.model = $2 AND s.metric = ANY($3::text[])
       AND s.dimensions ? 'platform' AND (SELECT count(*) FROM jsonb_object_keys(s.dimensions)) = 1
     GROUP BY s.id, s.metric, s.dimensions`,
    [orgId, model, PEER_METRICS, nowMs - 7 * DAY_MS, nowMs],
  );
  return rows
    .filter((r) => r.v !== null)
    .map((r) => ({ metric: r.metric, dimensions: r.dimensions, value: Number(r.v) }));
}

export interface RefreshOptions {
  nowMs?: number;
  audit?: Partial<AuditOptions>;
}

/**
 * Recommendations of one model after its analysis: its active insights, the organization's learnings and
 * the platforms' recent values, through the generator, the quality gate and the store.
 */
export async function refreshRecommendations(
  db: Db,
  orgId: number,
  model: { name: string; kpis: ReadonlyArray<Pick<KpiDefinition, 'metric' | 'unit' | 'goodDirection'>> },
  opts: RefreshOptions = {},
): Promise<StoreOutcome> {
  const nowMs = opts.nowMs ?? Date.now();
  const insights: Insight[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listInsights(db, orgId, { model: model.name, status: 'active' }, 1000, offset);
    insights.push(...page.insights);
    if (page.insights.length < 1000) break;
  }
  const drafts = generateRecommendations({
    model,
    insights,
    learnings: await listLearnings(db, orgId),
    peers: await readPeers(db, orgId, model.name, nowMs),
  });
  return storeRecommendations(db, orgId, model.name, drafts, { nowMs, audit: opts.audit });
}

/** The call after each analysis run: a failure here is logged, never fails the analysis. */
export async function recommendAfterAnalysis(
  deps: { db: Db; log: FastifyBaseLogger },
  orgId: number,
  model: Parameters<typeof refreshRecommendations>[2],
  nowMs?: number,
): Promise<void> {
  try {
    await refreshRecommendations(deps.db, orgId, model, { nowMs });
  } catch (err) {
    deps.log.warn({ err, model: model.name, org: orgId }, 'could not refresh recommendations');
  }
}
