import type {
  AuditFinding,
  Language,
  Priority,
  Recommendation,
  RecommendationStatus,
} from '@kpilens/contract';
import type { Db, Queryable } from '../db/db';
import { evidenceFigures } from '../narratives/evidence';
import { renderRecommendation } from '../narratives/recommendations';
import {
  auditRecommendation,
  DEFAULT_AUDIT_OPTIONS,
  type AuditOptions,
  type EvidenceInsight,
  type KnownRecommendation,
} from './audit';
import { feedbackByKind, rankScore } from './feedback';
import type { RecommendationDraft } from './generate';
import type { RecommendationKind, RecommendationParams } from './kinds';
import { DECISION_STATUS, transitionError, type Decision } from './lifecycle';

// Advisory lock class of recommendation refreshes (second key: hash of org and model): replicas take turns,
// and the unique index on open (kind, target) makes a duplicate impossible even without it.
const RECOMMENDATION_LOCK = 7351008;
const OPEN_SQL = `('pending', 'accepted', 'snoozed')`;

interface Row {
  id: number;
  model: string;
  kind: RecommendationKind;
  target: string;
  related_targets: string[];
  params: RecommendationParams;
  action: string;
  rationale: string;
  expected_impact: string;
  priority: Priority;
  base_score: number;
  score: number;
  status: RecommendationStatus;
  audit_score: number;
  findings: AuditFinding[];
  visible: boolean;
  insight_ids: number[];
  created_at: Date;
  updated_at: Date;
  status_changed_by: string | null;
  status_changed_at: Date | null;
  dismiss_reason: string | null;
  snoozed_until: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

function toApi(r: Row, lang: Language): Recommendation {
  // Stored texts are English (possibly rewritten); other languages are rendered from the figures.
  const text =
    lang === 'en'
      ? { action: r.action, rationale: r.rationale, expectedImpact: r.expected_impact }
      : renderRecommendation(r.kind, r.params, lang);
  return {
    id: r.id,
    model: r.model,
    kind: r.kind,
    target: r.target,
    ...text,
    priority: r.priority,
    score: Number(r.score),
    status: r.status,
    auditScore: r.audit_score,
    findings: r.findings,
    insightIds: r.insight_ids.map(Number),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    statusChangedBy: r.status_changed_by,
    statusChangedAt: iso(r.status_changed_at),
    dismissReason: r.dismiss_reason,
    snoozedUntil: iso(r.snoozed_until),
  };
}

/** Snoozes whose time is up are pending again (done on every read and write, so no timer is needed). */
export async function wakeSnoozed(q: Queryable, orgId: number): Promise<void> {
  await q.query(
    `UPDATE recommendations SET status = 'pending', snoozed_until = NULL, updated_at = now()
     WHERE org_id = $1 AND status = 'snoozed' AND snoozed_until <= now()`,
    [orgId],
  );
}

export interface RecommendationFilter {
  status?: RecommendationStatus | 'open';
  model?: string;
  /** Also those the quality gate holds back. */
  includeHidden?: boolean;
}

export async function listRecommendations(
  db: Queryable,
  orgId: number,
  f: RecommendationFilter,
  limit: number,
  offset: number,
  lang: Language = 'en',
): Promise<{ recommendations: Recommendation[]; total: number }> {
  await wakeSnoozed(db, orgId);
  const params: unknown[] = [orgId];
  const clauses = ['org_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status === 'open') clauses.push(`status IN ${OPEN_SQL}`);
  else if (f.status) add('status = ?', f.status);
  if (f.model) add('model = ?', f.model);
  if (!f.includeHidden) clauses.push('visible');
  const where = clauses.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM recommendations WHERE ${where}`,
    params,
  );
  const { rows } = await db.query<Row>(
    `SELECT * FROM recommendations WHERE ${where}
     ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, score DESC, id
     LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return { total: total.rows[0]?.n ?? 0, recommendations: rows.map((r) => toApi(r, lang)) };
}

export class DecisionError extends Error {
  constructor(
    readonly statusCode: 404 | 409 | 400,
    message: string,
  ) {
    super(message);
  }
}

/** Records a decision on a recommendation with who made it and when; 404 / 409 as DecisionError. */
export async function decideRecommendation(
  db: Db,
  orgId: number,
  id: number,
  decision: Decision,
  by: string,
  opts: { reason?: string; untilMs?: number; nowMs?: number } = {},
): Promise<Recommendation> {
  return db.transaction(async (tx) => {
    await wakeSnoozed(tx, orgId);
    const cur = await tx.query<Row>(
      'SELECT * FROM recommendations WHERE org_id = $1 AND id = $2 FOR UPDATE',
      [orgId, id],
    );
    const row = cur.rows[0];
    if (!row) throw new DecisionError(404, `no recommendation ${id} in this organization`);
    const err = transitionError(row.status, decision);
    if (err) throw new DecisionError(409, err);
    if (decision === 'snooze' && (opts.untilMs === undefined || opts.untilMs <= (opts.nowMs ?? Date.now())))
      throw new DecisionError(400, 'until must be in the future');
    const to = DECISION_STATUS[decision];
    // Re-opening a kind+target elsewhere cannot collide: only open rows are unique, and this one stays the one.
    const { rows } = await tx.query<Row>(
      `UPDATE recommendations SET status = $3, status_changed_by = $4, status_changed_at = now(), updated_at = now(),
         dismiss_reason = CASE WHEN $3 = 'dismissed' THEN $5 ELSE dismiss_reason END,
         snoozed_until = CASE WHEN $3 = 'snoozed' THEN to_timestamp($6::float8 / 1000) ELSE NULL END
       WHERE org_id = $1 AND id = $2 RETURNING *`,
      [orgId, id, to, by, opts.reason ?? null, opts.untilMs ?? null],
    );
    return toApi(rows[0], 'en');
  });
}

interface EvidenceRow {
  id: number;
  type: string;
  status: string;
  evidence: unknown;
  started_ms: number;
  last_seen_ms: number;
  last_point_ms: number | null;
}

async function evidenceInsights(
  q: Queryable,
  orgId: number,
  ids: number[],
): Promise<Map<number, EvidenceInsight>> {
  const out = new Map<number, EvidenceInsight>();
  if (ids.length === 0) return out;
  const { rows } = await q.query<EvidenceRow>(
    `SELECT i.id, i.type, i.status, i.evidence, date_part('epoch', i.started_at) * 1000 AS started_ms,
            date_part('epoch', i.last_seen_at) * 1000 AS last_seen_ms, date_part('epoch', s.last_ts) * 1000 AS last_point_ms
     FROM insights i LEFT JOIN series s ON s.id = i.series_id WHERE i.org_id = $1 AND i.id = ANY($2::int[])`,
    [orgId, ids],
  );
  for (const r of rows) {
    const ev = evidenceFigures({
      type: r.type as EvidenceRow['type'] as never,
      evidence: r.evidence as never,
    });
    out.set(r.id, {
      id: r.id,
      resolved: r.status === 'resolved',
      score: ev && Number.isFinite(ev.score) ? ev.score : 0,
      startedAtMs: Number(r.started_ms),
      lastSeenAtMs: Number(r.last_seen_ms),
      lastPointMs: r.last_point_ms === null ? null : Number(r.last_point_ms),
    });
  }
  return out;
}

export interface StoreOutcome {
  created: number;
  updated: number;
  /** Open recommendations of the model re-audited without new evidence. */
  reaudited: number;
}

/**
 * Stores a model's drafts: the open recommendation of the same kind and target is updated, otherwise a new
 * one is raised; each passes the quality gate against the organization's other recommendations, and is
 * ranked by its evidence times its kind's feedback. Open ones of the model not raised again are re-audited
 * (their evidence may have ended or gone stale).
 */
export async function storeRecommendations(
  db: Db,
  orgId: number,
  model: string,
  drafts: RecommendationDraft[],
  opts: { nowMs?: number; audit?: Partial<AuditOptions> } = {},
): Promise<StoreOutcome> {
  const nowMs = opts.nowMs ?? Date.now();
  const audit = { ...DEFAULT_AUDIT_OPTIONS, ...opts.audit };
  const windowMs = Math.max(audit.duplicateWindowMs, audit.silenceWindowMs);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      RECOMMENDATION_LOCK,
      `${orgId}/${model}`,
    ]);
    await wakeSnoozed(tx, orgId);
    const { rows: known } = await tx.query<Row>(
      `SELECT * FROM recommendations WHERE org_id = $1
         AND (status IN ${OPEN_SQL} OR coalesce(status_changed_at, created_at) >= to_timestamp($2::float8 / 1000))`,
      [orgId, nowMs - windowMs],
    );
    const { rows: decided } = await tx.query<{ kind: string; status: string }>(
      `SELECT kind, status FROM recommendations WHERE org_id = $1 AND status IN ('accepted', 'done', 'dismissed')`,
      [orgId],
    );
    const feedback = feedbackByKind(decided);
    const others: KnownRecommendation[] = known.map((r) => ({
      id: r.id,
      kind: r.kind,
      target: r.target,
      relatedTargets: r.related_targets,
      status: r.status,
      createdAtMs: new Date(r.created_at).getTime(),
      statusChangedAtMs: r.status_changed_at ? new Date(r.status_changed_at).getTime() : null,
    }));
    const open = new Map(
      known
        .filter((r) => ['pending', 'accepted', 'snoozed'].includes(r.status))
        .map((r) => [`${r.kind}|${r.target}`, r]),
    );
    const openOfModel = known.filter((r) => r.model === model && open.get(`${r.kind}|${r.target}`) === r);
    const allIds = [
      ...drafts.flatMap((d) => d.insightIds),
      ...openOfModel.flatMap((r) => r.insight_ids.map(Number)),
    ];
    const insights = await evidenceInsights(tx, orgId, [...new Set(allIds)]);
    const out: StoreOutcome = { created: 0, updated: 0, reaudited: 0 };
    const touched = new Set<number>();

    for (const d of drafts) {
      const existing = open.get(`${d.kind}|${d.target}`);
      const a = auditRecommendation(d, { nowMs, selfId: existing?.id, others, insights, options: audit });
      const score = rankScore(d.baseScore, feedback.get(d.kind));
      const values = [
        JSON.stringify(d.params),
        d.action,
        d.rationale,
        d.expectedImpact,
        d.priority,
        d.baseScore,
        score,
        a.auditScore,
        JSON.stringify(a.findings),
        a.visible,
        d.insightIds,
        d.relatedTargets,
      ];
      if (existing) {
        touched.add(existing.id);
        await tx.query(
          `UPDATE recommendations SET params = $2::jsonb, action = $3, rationale = $4, expected_impact = $5,
             priority = $6, base_score = $7, score = $8, audit_score = $9, findings = $10::jsonb, visible = $11,
             insight_ids = $12::int[], related_targets = $13::text[], updated_at = now() WHERE id = $1`,
          [existing.id, ...values],
        );
        out.updated++;
        continue;
      }
      const ins = await tx.query<{ id: number }>(
        `INSERT INTO recommendations (params, action, rationale, expected_impact, priority, base_score, score,
           audit_score, findings, visible, insight_ids, related_targets, org_id, model, kind, target)
         VALUES ($1::jsonb, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::int[], $12::text[], $13, $14, $15, $16)
         ON CONFLICT (org_id, kind, target) WHERE status IN ${OPEN_SQL} DO NOTHING RETURNING id`,
        [...values, orgId, model, d.kind, d.target],
      );
      if (ins.rows[0]) {
        out.created++;
        // later drafts of this run see it (a conflict between two new drafts is found too)
        others.push({
          id: ins.rows[0].id,
          kind: d.kind,
          target: d.target,
          relatedTargets: d.relatedTargets,
          status: 'pending',
          createdAtMs: nowMs,
          statusChangedAtMs: null,
        });
      }
    }

    for (const r of openOfModel) {
      if (touched.has(r.id)) continue;
      const draft = {
        kind: r.kind,
        target: r.target,
        relatedTargets: r.related_targets,
        params: r.params,
        insightIds: r.insight_ids.map(Number),
      } as RecommendationDraft;
      const a = auditRecommendation(draft, { nowMs, selfId: r.id, others, insights, options: audit });
      const score = rankScore(Number(r.base_score), feedback.get(r.kind));
      await tx.query(
        `UPDATE recommendations SET audit_score = $2, findings = $3::jsonb, visible = $4, score = $5, updated_at = now()
         WHERE id = $1`,
        [r.id, a.auditScore, JSON.stringify(a.findings), a.visible, score],
      );
      out.reaudited++;
    }
    return out;
  });
}
