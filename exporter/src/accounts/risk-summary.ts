// Accounts and revenue at risk per level: the latest score of every account, summed per organization
// and level, for Prometheus (counts per level only; single accounts are read through the API).
import type { Queryable } from '../db/db';

export interface RiskSummaryRow {
  org: string;
  level: string;
  accounts: number;
  /** amount of the invoices the latest scores predict */
  revenue: number;
}

export async function riskSummary(q: Queryable): Promise<RiskSummaryRow[]> {
  // One index lookup per account (account_scores_latest) rather than a scan of every score ever kept.
  const { rows } = await q.query<RiskSummaryRow>(
    `SELECT o.slug AS org, s.level, count(*)::int AS accounts, coalesce(sum(i.amount), 0)::float8 AS revenue
     FROM accounts a
     CROSS JOIN LATERAL (SELECT level, invoice_id FROM account_scores
                         WHERE org_id = a.org_id AND account_id = a.id
                         ORDER BY scored_at DESC LIMIT 1) s
     JOIN organizations o ON o.id = a.org_id
     LEFT JOIN invoices i ON i.org_id = a.org_id AND i.id = s.invoice_id
     GROUP BY o.slug, s.level ORDER BY 1, 2`,
  );
  return rows;
}
