import {
  Aggregations,
  Languages,
  RecommendationStatuses,
  RiskLevels,
  RiskMeasures,
  Severities,
  ForecastHorizons,
  type QueryType,
  type VariableQueryType,
} from '@kpilens/contract';

export interface Option<T> {
  value: T;
  label: string;
  description?: string;
}

export const QUERY_TYPE_OPTIONS: Array<Option<QueryType>> = [
  { value: 'series', label: 'KPI series', description: 'Values of a KPI over time, aggregated per interval' },
  {
    value: 'anomalyBand',
    label: 'Anomaly band',
    description: 'Observed values with the expected value and normal band',
  },
  { value: 'forecast', label: 'Forecast', description: 'Predicted values with their prediction interval' },
  {
    value: 'insights',
    label: 'Insights',
    description: 'Anomalies found by the analysis (table, annotations)',
  },
  { value: 'recommendations', label: 'Recommendations', description: 'Suggested actions and their status' },
  { value: 'riskScores', label: 'Risk scores', description: 'Latest payment-risk score of every account' },
  {
    value: 'riskDistribution',
    label: 'Risk distribution',
    description: 'Accounts or revenue per risk level over time',
  },
  { value: 'learnings', label: 'Learnings', description: 'KPIs of one model that lead KPIs of another' },
  { value: 'briefing', label: 'Executive briefing', description: 'The weekly summary as text' },
];

/** Which editor fields each query type shows. */
export type EditorField =
  | 'model'
  | 'metric'
  | 'dimensions'
  | 'aggregation'
  | 'interval'
  | 'limit'
  | 'forecast'
  | 'severities'
  | 'insightStatus'
  | 'recommendationStatus'
  | 'riskLevels'
  | 'riskMeasure'
  | 'language';

export const FIELDS_BY_TYPE: Record<QueryType, EditorField[]> = {
  series: ['model', 'metric', 'dimensions', 'aggregation', 'interval', 'limit'],
  anomalyBand: ['model', 'metric', 'dimensions', 'interval', 'limit'],
  forecast: ['model', 'metric', 'dimensions', 'forecast'],
  insights: ['model', 'severities', 'insightStatus'],
  recommendations: ['model', 'recommendationStatus', 'language'],
  riskScores: ['riskLevels', 'limit'],
  riskDistribution: ['riskMeasure', 'interval'],
  learnings: ['model'],
  briefing: ['language'],
};

const plain = <T extends string>(values: readonly T[]): Array<Option<T>> =>
  values.map((value) => ({ value, label: value }));

export const AGGREGATION_OPTIONS = plain(Aggregations);
export const SEVERITY_OPTIONS = plain(Severities);
export const RISK_LEVEL_OPTIONS = plain(RiskLevels);
export const RECOMMENDATION_STATUS_OPTIONS: Array<Option<string>> = [
  { value: '', label: 'any' },
  ...plain(RecommendationStatuses),
];
export const INSIGHT_STATUS_OPTIONS: Array<Option<string>> = [
  { value: '', label: 'any' },
  { value: 'active', label: 'active', description: 'open or updated' },
  ...plain(['open', 'updated', 'resolved'] as const),
];
export const RISK_MEASURE_OPTIONS: Array<Option<(typeof RiskMeasures)[number]>> = [
  { value: 'accounts', label: 'Accounts' },
  { value: 'revenue_at_risk', label: 'Revenue' },
];
export const LANGUAGE_OPTIONS: Array<Option<(typeof Languages)[number]>> = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
];
export const HORIZON_OPTIONS: Array<Option<number>> = ForecastHorizons.map((d) => ({
  value: d,
  label: `${d} days`,
}));

export const VARIABLE_TYPE_OPTIONS: Array<Option<VariableQueryType>> = [
  { value: 'models', label: 'Models' },
  { value: 'metrics', label: 'Metrics', description: 'of a model, or all' },
  { value: 'dimensionKeys', label: 'Dimension keys', description: 'of the series of a model and metric' },
  { value: 'dimensionValues', label: 'Dimension values', description: 'of one dimension key' },
  { value: 'accounts', label: 'Accounts', description: 'payment-risk accounts (first 1000)' },
];

/** Picker options: names from the exporter, then the dashboard's variables, then what was typed. */
export function withVariables(names: string[], variables: string[], current?: string): Array<Option<string>> {
  const all = [...names, ...variables.map((v) => `$${v}`)];
  if (current && !all.includes(current)) {
    all.unshift(current);
  }
  return [...new Set(all)].map((value) => ({ value, label: value }));
}
