// The datasource plugin's query model: stored in dashboards (provisioning/ generates them) and read by the
// datasource. Plain types (Grafana stores queries as JSON, the exporter never sees them).

export const QueryTypes = [
  'series',
  'anomalyBand',
  'forecast',
  'insights',
  'recommendations',
  'riskScores',
  'riskDistribution',
  'learnings',
  'briefing',
] as const;
export type QueryType = (typeof QueryTypes)[number];

/** Methods the panel and app plugins call on the datasource instance to act. */
export interface KpiLensActions {
  acceptRecommendation(id: number): Promise<unknown>;
  dismissRecommendation(id: number, reason: string): Promise<unknown>;
  snoozeRecommendation(id: number, untilIso: string): Promise<unknown>;
  recalculateScore(accountId: string): Promise<unknown>;
}
