import type { Insight, InsightStatus, ModelInfo, Severity } from '@kpilens/contract';
import type { Queryable } from '../db/db';

export interface InsightFilter {
  model?: string;
  severity?: Severity;
  /** 'active': open or updated */
  status?: InsightStatus | 'active';
  /** Insights still going on at or after this time (epoch ms). */
  fromMs?: number;
  /** Insights started before this time (epoch ms). */
  toMs?: number;
}

interface InsightRow {
  id: number;
  model: string;
  type: Insight['type'];
  severity: Severity;
  status: InsightStatus;
  title: string;
  message: string;
  evidence: Insight['evidence'];
  series_id: number;
  metric: string;
  dimensions: Record<string, string>;
  started_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

const iso = (d: Date) => new Date(d).toISOString();

export async function listInsights(
  db: Queryable,
  orgId: number,
  f: InsightFilter,
  limit: number,
  offset: number,
): Promise<{ insights: Insight[]; total: number }> {
  const params: unknown[] = [orgId];
  const clauses = ['i.org_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (f.model) add('i.model = ?', f.model);
  if (f.severity) add('i.severity = ?', f.severity);
  if (f.status === 'active') clauses.push(`i.status <> 'resolved'`);
  else if (f.status) add('i.status = ?', f.status);
  if (f.fromMs !== undefined)
    add("coalesce(i.resolved_at, 'infinity'::timestamptz) >= to_timestamp(?)", f.fromMs / 1000);
  if (f.toMs !== undefined) add('i.started_at < to_timestamp(?)', f.toMs / 1000);
  const where = clauses.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM insights i WHERE ${where}`,
    params,
  );
  const { rows } = await db.query<InsightRow>(
    // The endpoint's rewrite of the message while it is the rewrite of the current template.
    `SELECT i.id, i.model, i.type, i.severity, i.status, i.title,
            CASE WHEN i.rewritten_from = i.message THEN i.message_rewritten ELSE i.message END AS message,
            i.evidence, i.series_id, s.metric,
            s.dimensions, i.started_at, i.last_seen_at, i.resolved_at
     FROM insights i JOIN series s ON s.id = i.series_id WHERE ${where}
     ORDER BY i.started_at DESC, i.id DESC LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return {
    total: total.rows[0]?.n ?? 0,
    insights: rows.map((r) => ({
      id: r.id,
      model: r.model,
      type: r.type,
      severity: r.severity,
      status: r.status,
      title: r.title,
      message: r.message,
      evidence: r.evidence,
      series: { id: r.series_id, metric: r.metric, dimensions: r.dimensions },
      startedAt: iso(r.started_at),
      lastSeenAt: iso(r.last_seen_at),
      resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
    })),
  };
}

/** The last run (scheduled or on demand, ok or failed) of each model of an organization. */
export async function lastRuns(
  db: Queryable,
  orgId: number,
): Promise<Map<string, NonNullable<ModelInfo['lastRun']>>> {
  const { rows } = await db.query<{
    model: string;
    status: 'ok' | 'failed';
    started_at: Date;
    finished_at: Date;
    series_analysed: number;
    error: string | null;
  }>(
    `SELECT DISTINCT ON (model) model, status, started_at, finished_at, series_analysed, error
     FROM analysis_runs WHERE org_id = $1 AND status <> 'running' ORDER BY model, finished_at DESC, id DESC`,
    [orgId],
  );
  return new Map(
    rows.map((r) => [
      r.model,
      {
        status: r.status,
        startedAt: iso(r.started_at),
        finishedAt: iso(r.finished_at),
        seriesAnalysed: r.series_analysed,
        error: r.error,
      },
    ]),
  );
}
