// The datasource plugin's query model: stored in dashboards (provisioning/ generates them) and read by the
// datasource. Plain types (Grafana stores queries as JSON, the exporter never sees them).
import type { Aggregation } from './read';
import type { Language, RecommendationStatus } from './recommendations';

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

/** A `dim.<key>=<value>` filter; both sides may hold template variables. */
export interface DimensionFilter {
  key: string;
  value: string;
}

export const RiskMeasures = ['accounts', 'revenue_at_risk'] as const;
export type RiskMeasure = (typeof RiskMeasures)[number];

/**
 * One query of a panel. `queryType` picks which fields apply (absent: `series`); every string field may
 * hold template variables (`$model`, `${platform:raw}`), interpolated before the exporter is called.
 */
export interface KpiQueryModel {
  queryType?: QueryType;
  /** series, anomalyBand, forecast, insights, recommendations, learnings: the KPI model (a filter where optional). */
  model?: string;
  /** series, anomalyBand, forecast. */
  metric?: string;
  /** series, anomalyBand, forecast: exact-match dimension filters. */
  dimensions?: DimensionFilter[];
  /** series, anomalyBand, forecast: more filters as text, `platform=instagram, campaignId=$campaign`. */
  selector?: string;
  /** series. */
  aggregation?: Aggregation;
  /** series, anomalyBand, riskDistribution: bucket width such as `1h` or `$__interval`; empty: the panel's. */
  interval?: string;
  /** series, anomalyBand, forecast: most series returned. */
  limit?: number;
  /** forecast: draw the prediction interval (lower and upper) with the forecast. */
  forecastInterval?: boolean;
  /** forecast: days ahead shown (7, 30 or 90); the time range still clips them. */
  horizonDays?: number;
  /** insights, annotations: severities (info, warning, critical) or variables standing for them. */
  severities?: string[];
  /** insights: open, updated, resolved or active (open or updated). */
  insightStatus?: 'open' | 'updated' | 'resolved' | 'active';
  /** recommendations. */
  recommendationStatus?: RecommendationStatus;
  /** riskScores: risk levels (EXCELLENT ... UNKNOWN) or variables standing for them. */
  riskLevels?: string[];
  /** riskDistribution. */
  riskMeasure?: RiskMeasure;
  /** briefing, recommendations: language of the text (en, fr). */
  language?: Language;
}

export const VariableQueryTypes = [
  'models',
  'metrics',
  'dimensionKeys',
  'dimensionValues',
  'accounts',
] as const;
export type VariableQueryType = (typeof VariableQueryTypes)[number];

/** A dashboard variable's query: which list to offer, narrowed by model, metric and dimension key. */
export interface KpiVariableQueryModel {
  type: VariableQueryType;
  model?: string;
  metric?: string;
  /** dimensionValues: the key whose values are listed. */
  dimensionKey?: string;
}

/** Methods the panel and app plugins call on the datasource instance to act. */
export interface KpiLensActions {
  acceptRecommendation(id: number): Promise<unknown>;
  dismissRecommendation(id: number, reason: string): Promise<unknown>;
  snoozeRecommendation(id: number, untilIso: string): Promise<unknown>;
  recalculateScore(accountId: string): Promise<unknown>;
}
