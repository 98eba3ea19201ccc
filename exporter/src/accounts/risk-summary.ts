// Accounts and revenue at risk per level: the latest score of every account, summed per organization
// and level, for Prometheus (counts per level only; single accounts are read through the API).
import type { Db, Queryable } from '../db/db';
import { type NormalizedPoint, seriesKey } from '../ingest/normalize-points';
import { writePoints } from '../store/points';
import type { SeriesRegistry } from '../store/series';

export interface RiskSummaryRow {
  orgId: number;
  org: string;
  level: string;
  accounts: number;
  /** amount of the invoices the latest scores predict */
  revenue: number;
}

export async function riskSummary(q: Queryable): Promise<RiskSummaryRow[]> {
  // One index lookup per account (account_scores_latest) rather than a scan of every score ever kept.
  const { rows } = await q.query<RiskSummaryRow>(
    `SELECT a.org_id AS "orgId", o.slug AS org, s.level, count(*)::int AS accounts, coalesce(sum(i.amount), 0)::float8 AS revenue
     FROM accounts a
     CROSS JOIN LATERAL (SELECT level, invoice_id FROM account_scores
                         WHERE org_id = a.org_id AND account_id = a.id
                         ORDER BY scored_at DESC LIMIT 1) s
     JOIN organizations o ON o.id = a.org_id
     LEFT JOIN invoices i ON i.org_id = a.org_id AND i.id = s.invoice_id
     GROUP BY a.org_id, o.slug, s.level ORDER BY 2, 3`,
  );
  return rows;
}

export const RISK_KPI_MODEL = 'payment_risk';
const HOUR_MS = 3_600_000;
const LEVELS = ['EXCELLENT', 'GOOD', 'MEDIUM', 'RISKY', 'CRITICAL', 'UNKNOWN'];

/**
 * The risk KPIs of one organization for the hour of `asOfMs`: accounts and revenue at risk per level,
 * every level present (0 when none) so a level that empties shows as 0 rather than its last value.
 */
export function riskKpiPoints(rows: readonly RiskSummaryRow[], asOfMs: number): NormalizedPoint[] {
  const ts = Math.floor(asOfMs / HOUR_MS) * HOUR_MS;
  const point = (metric: string, level: string, value: number): NormalizedPoint => {
    const dimensions = { risk_level: level };
    return {
      seriesKey: seriesKey(RISK_KPI_MODEL, metric, dimensions),
      model: RISK_KPI_MODEL,
      metric,
      dimensions,
      ts,
      value,
    };
  };
  return LEVELS.flatMap((level) => {
    const r = rows.find((x) => x.level === level);
    return [point('accounts', level, r?.accounts ?? 0), point('revenue_at_risk', level, r?.revenue ?? 0)];
  });
}

/** Stores the risk KPIs of every organization with scored accounts for the hour of `asOf` (a re-run replaces them). */
export async function writeRiskKpis(db: Db, registry: SeriesRegistry, asOf: Date): Promise<number> {
  const rows = await riskSummary(db);
  const orgs = [...new Set(rows.map((r) => r.orgId))];
  for (const orgId of orgs) {
    const points = riskKpiPoints(
      rows.filter((r) => r.orgId === orgId),
      asOf.getTime(),
    );
    const outcome = await db.transaction((tx) => writePoints(tx, registry, orgId, points));
    registry.remember(orgId, outcome.created);
  }
  return orgs.length;
}
