import type { Forecast, Learning } from '@kpilens/contract';
import type { Queryable } from '../db/db';
import type { ForecastDraft, LearningDraft, ModelData } from './kpi-model';
import { dimensionMatchSql } from '../store/dimension-match';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Replaces the forecasts of a model's series with this run's (series not forecast any more lose theirs). */
export async function storeForecasts(
  tx: Queryable,
  orgId: number,
  model: string,
  forecasts: readonly ForecastDraft[],
  nowMs: number,
): Promise<void> {
  await tx.query('DELETE FROM forecasts WHERE org_id = $1 AND model = $2', [orgId, model]);
  if (forecasts.length === 0) return;
  await tx.query(
    `INSERT INTO forecasts (series_id, org_id, model, method, level, generated_at, points, target)
     SELECT f.series_id, $1, $2, f.method, f.level, to_timestamp($3), f.points, f.target
     FROM jsonb_to_recordset($4::jsonb) AS f(series_id int, method text, level float8, points jsonb, target jsonb)`,
    [
      orgId,
      model,
      nowMs / 1000,
      JSON.stringify(
        forecasts.map((f) => ({
          series_id: f.seriesId,
          method: f.method,
          level: f.level,
          points: f.points,
          target: f.target ?? null,
        })),
      ),
    ],
  );
}

/** Replaces the latest anomaly score of a model's series (kpi_anomaly_score reads them on every replica). */
export async function storeScores(
  tx: Queryable,
  orgId: number,
  model: string,
  scores: ReadonlyArray<readonly [number, number]>,
  nowMs: number,
): Promise<void> {
  await tx.query('DELETE FROM anomaly_scores WHERE org_id = $1 AND model = $2', [orgId, model]);
  if (scores.length === 0) return;
  await tx.query(
    `INSERT INTO anomaly_scores (series_id, org_id, model, score, scored_at)
     SELECT s, $1, $2, v, to_timestamp($3) FROM unnest($4::int[], $5::float8[]) AS u(s, v)`,
    [orgId, model, nowMs / 1000, scores.map((s) => s[0]), scores.map((s) => s[1])],
  );
}

/** Publishes a model's learnings: a pair found again is confirmed (its figures updated), a new one added. */
export async function storeLearnings(
  tx: Queryable,
  orgId: number,
  leaderModel: string,
  drafts: readonly LearningDraft[],
  nowMs: number,
  others: readonly ModelData[],
): Promise<void> {
  if (drafts.length === 0) return;
  const modelOf = new Map(others.flatMap((d) => d.series.map((s) => [s.id, d.model] as const)));
  await tx.query(
    `INSERT INTO learnings (org_id, leader_series_id, follower_series_id, leader_model, follower_model, lag_days,
       correlation, p_value, n, discovered_at, last_confirmed_at)
     SELECT $1, l.leader, l.follower, $2, l.follower_model, l.lag, l.r, l.p, l.n, to_timestamp($3), to_timestamp($3)
     FROM jsonb_to_recordset($4::jsonb) AS l(leader int, follower int, follower_model text, lag int, r float8, p float8, n int)
     ON CONFLICT (org_id, leader_series_id, follower_series_id) DO UPDATE SET lag_days = excluded.lag_days,
       correlation = excluded.correlation, p_value = excluded.p_value, n = excluded.n,
       last_confirmed_at = excluded.last_confirmed_at`,
    [
      orgId,
      leaderModel,
      nowMs / 1000,
      JSON.stringify(
        drafts.map((d) => ({
          leader: d.leaderId,
          follower: d.followerId,
          follower_model: modelOf.get(d.followerId) ?? leaderModel,
          lag: d.lagDays,
          r: d.correlation,
          p: d.pValue,
          n: d.n,
        })),
      ),
    ],
  );
}

interface LearningRow {
  id: number;
  leader_series_id: number;
  leader_model: string;
  leader_metric: string;
  leader_dims: Record<string, string>;
  follower_series_id: number;
  follower_model: string;
  follower_metric: string;
  follower_dims: Record<string, string>;
  lag_days: number;
  correlation: number;
  p_value: number;
  n: number;
  discovered_at: Date;
  last_confirmed_at: Date;
}

/** A page of a list: at most `limit` rows after the first `offset`. */
export interface Page {
  limit: number;
  offset: number;
}

async function queryLearnings(
  db: Queryable,
  orgId: number,
  model?: string,
  page?: Page,
): Promise<Learning[]> {
  const { rows } = await db.query<LearningRow>(
    `SELECT l.id, l.leader_series_id, l.leader_model, ls.metric AS leader_metric, ls.dimensions AS leader_dims,
            l.follower_series_id, l.follower_model, fs.metric AS follower_metric, fs.dimensions AS follower_dims,
            l.lag_days, l.correlation, l.p_value, l.n, l.discovered_at, l.last_confirmed_at
     FROM learnings l JOIN series ls ON ls.id = l.leader_series_id JOIN series fs ON fs.id = l.follower_series_id
     WHERE l.org_id = $1 AND ($2::text IS NULL OR l.leader_model = $2 OR l.follower_model = $2)
     ORDER BY l.p_value, abs(l.correlation) DESC, l.id
     LIMIT $3 OFFSET $4`,
    [orgId, model ?? null, page?.limit ?? null, page?.offset ?? 0],
  );
  return rows.map((r) => ({
    id: r.id,
    leader: {
      id: r.leader_series_id,
      model: r.leader_model,
      metric: r.leader_metric,
      dimensions: r.leader_dims,
    },
    follower: {
      id: r.follower_series_id,
      model: r.follower_model,
      metric: r.follower_metric,
      dimensions: r.follower_dims,
    },
    lagDays: r.lag_days,
    correlation: r.correlation,
    pValue: r.p_value,
    n: r.n,
    discoveredAt: iso(r.discovered_at),
    lastConfirmedAt: iso(r.last_confirmed_at),
  }));
}

/** Learnings a model takes part in, as leader or follower. */
export function learningsInvolving(db: Queryable, orgId: number, model: string): Promise<Learning[]> {
  return queryLearnings(db, orgId, model);
}

/** GET /learnings: strongest evidence (lowest p-value) first. */
export function listLearnings(
  db: Queryable,
  orgId: number,
  model?: string,
  page?: Page,
): Promise<Learning[]> {
  return queryLearnings(db, orgId, model, page);
}

export interface ForecastFilter {
  model?: string;
  metric?: string;
  /** Dimension values the series must have (it may have others); an empty value: must not have it. */
  dimensions?: Record<string, string>;
  /** Days of points returned: 7, 30 or 90. */
  horizonDays: number;
  /** Series returned (all when absent). */
  page?: Page;
}

/** GET /forecasts: the latest forecast of each matching series, its points cut at the horizon. */
export async function listForecasts(db: Queryable, orgId: number, f: ForecastFilter): Promise<Forecast[]> {
  const params: unknown[] = [
    orgId,
    f.model ?? null,
    f.metric ?? null,
    f.page?.limit ?? null,
    f.page?.offset ?? 0,
  ];
  const dimClause = dimensionMatchSql(f.dimensions, params, 's.dimensions');
  const { rows } = await db.query<{
    series_id: number;
    model: string;
    metric: string;
    dimensions: Record<string, string>;
    method: string;
    level: number;
    generated_at: Date;
    points: Forecast['points'];
    target: Forecast['target'] | null;
  }>(
    `SELECT f.series_id, f.model, s.metric, s.dimensions, f.method, f.level, f.generated_at, f.points, f.target
     FROM forecasts f JOIN series s ON s.id = f.series_id
     WHERE f.org_id = $1 AND ($2::text IS NULL OR f.model = $2) AND ($3::text IS NULL OR s.metric = $3)${dimClause}
     ORDER BY f.model, s.metric, f.series_id
     LIMIT $4 OFFSET $5`,
    params,
  );
  return rows.map((r) => {
    return {
      series: { id: r.series_id, model: r.model, metric: r.metric, dimensions: r.dimensions },
      method: r.method,
      level: r.level,
      generatedAt: iso(r.generated_at),
      // One point a day from the first day after the last complete one: the horizon is a count of points.
      points: r.points.slice(0, f.horizonDays),
      ...(r.target ? { target: r.target } : {}),
    };
  });
}
