// The latest score of every account of an organization, riskiest first, a page at a time.
import type { Queryable } from '../db/db';
import type { StoredScore } from './store';

export interface ListedScore extends StoredScore {
  accountName: string | null;
}

export async function listLatestScores(
  q: Queryable,
  orgId: number,
  levels: string[] | undefined,
  limit: number,
  offset: number,
): Promise<{ scores: ListedScore[]; total: number }> {
  // One index lookup per account (account_scores_latest), as the risk summary does; accounts never scored
  // are not listed.
  const latest = `FROM accounts a
    CROSS JOIN LATERAL (SELECT * FROM account_scores
                        WHERE org_id = a.org_id AND account_id = a.id
                        ORDER BY scored_at DESC LIMIT 1) s
    WHERE a.org_id = $1 AND ($2::text[] IS NULL OR s.level = ANY($2::text[]))`;
  const params = [orgId, levels ?? null];
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${latest}`, params);
  const { rows } = await q.query<{
    id: string;
    name: string | null;
    v: string;
    s: number;
    p: number | null;
    l: string;
    e: number | null;
    c: number;
    f: unknown[] | string;
    i: string | null;
  }>(
    `SELECT a.id, a.name, s.model_version AS v, extract(epoch FROM s.scored_at)::float8 * 1000 AS s,
            s.probability AS p, s.level AS l, extract(epoch FROM s.expected_payment_date)::float8 * 1000 AS e,
            s.confidence AS c, s.factors AS f, s.invoice_id AS i
     ${latest}
     ORDER BY s.probability ASC NULLS LAST, a.id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return {
    total: total.rows[0]?.n ?? 0,
    scores: rows.map((r) => ({
      accountId: r.id,
      accountName: r.name,
      modelVersion: r.v,
      scoredAt: r.s,
      invoiceId: r.i,
      probability: r.p,
      level: r.l,
      expectedPaymentDate: r.e,
      confidence: r.c,
      factors: typeof r.f === 'string' ? (JSON.parse(r.f) as unknown[]) : r.f,
    })),
  };
}
