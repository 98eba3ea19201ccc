import { t } from '@grafana/i18n';
import {
  Aggregations,
  ForecastHorizons,
  RecommendationStatuses,
  RiskLevels,
  Severities,
  type Language,
  type QueryType,
  type RiskMeasure,
  type VariableQueryType,
} from '@kpilens/contract';

// Option lists of the editors, translated when called (the user's Grafana language may load after import).

export interface Option<T> {
  value: T;
  label: string;
  description?: string;
}

export function queryTypeOptions(): Array<Option<QueryType>> {
  return [
    {
      value: 'series',
      label: t('editor.type.series', 'KPI series'),
      description: t('editor.type.series-help', 'Values of a KPI over time, aggregated per interval'),
    },
    {
      value: 'anomalyBand',
      label: t('editor.type.anomaly-band', 'Anomaly band'),
      description: t(
        'editor.type.anomaly-band-help',
        'Observed values with the expected value and normal band',
      ),
    },
    {
      value: 'forecast',
      label: t('editor.type.forecast', 'Forecast'),
      description: t('editor.type.forecast-help', 'Predicted values with their prediction interval'),
    },
    {
      value: 'insights',
      label: t('editor.type.insights', 'Insights'),
      description: t('editor.type.insights-help', 'Conditions found by the analysis (table, annotations)'),
    },
    {
      value: 'recommendations',
      label: t('editor.type.recommendations', 'Recommendations'),
      description: t('editor.type.recommendations-help', 'Suggested actions and their status'),
    },
    {
      value: 'riskScores',
      label: t('editor.type.risk-scores', 'Risk scores'),
      description: t('editor.type.risk-scores-help', 'Latest payment-risk score of every account'),
    },
    {
      value: 'riskDistribution',
      label: t('editor.type.risk-distribution', 'Risk distribution'),
      description: t('editor.type.risk-distribution-help', 'Accounts or revenue per risk level over time'),
    },
    {
      value: 'learnings',
      label: t('editor.type.learnings', 'Learnings'),
      description: t('editor.type.learnings-help', 'KPIs of one model that lead KPIs of another'),
    },
    {
      value: 'briefing',
      label: t('editor.type.briefing', 'Executive briefing'),
      description: t('editor.type.briefing-help', 'The weekly summary as text'),
    },
  ];
}

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
  forecast: ['model', 'metric', 'dimensions', 'forecast', 'limit'],
  insights: ['model', 'severities', 'insightStatus'],
  recommendations: ['model', 'recommendationStatus', 'language'],
  riskScores: ['riskLevels', 'limit'],
  riskDistribution: ['riskMeasure', 'interval'],
  learnings: ['model'],
  briefing: ['language'],
};

// Names the exporter uses (aggregations, severities, statuses, levels) are shown as they are sent.
const plain = <T extends string>(values: readonly T[]): Array<Option<T>> =>
  values.map((value) => ({ value, label: value }));

export const AGGREGATION_OPTIONS = plain(Aggregations);
export const SEVERITY_OPTIONS = plain(Severities);
export const RISK_LEVEL_OPTIONS = plain(RiskLevels);

export function recommendationStatusOptions(): Array<Option<string>> {
  return [{ value: '', label: t('editor.any', 'any') }, ...plain(RecommendationStatuses)];
}

export function insightStatusOptions(): Array<Option<string>> {
  return [
    { value: '', label: t('editor.any', 'any') },
    { value: 'active', label: 'active', description: t('editor.status-active-help', 'open or updated') },
    ...plain(['open', 'updated', 'resolved'] as const),
  ];
}

export function riskMeasureOptions(): Array<Option<RiskMeasure>> {
  return [
    { value: 'accounts', label: t('editor.measure-accounts', 'Accounts') },
    { value: 'revenue_at_risk', label: t('editor.measure-revenue', 'Revenue') },
  ];
}

export const LANGUAGE_OPTIONS: Array<Option<Language>> = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
];

export function horizonOptions(): Array<Option<number>> {
  return ForecastHorizons.map((days) => ({
    value: days,
    label: t('editor.horizon-days', '{{days}} days', { days }),
  }));
}

export function variableTypeOptions(): Array<Option<VariableQueryType>> {
  return [
    { value: 'models', label: t('variable.type.models', 'Models') },
    {
      value: 'metrics',
      label: t('variable.type.metrics', 'Metrics'),
      description: t('variable.type.metrics-help', 'of a model, or all'),
    },
    {
      value: 'dimensionKeys',
      label: t('variable.type.dimension-keys', 'Dimension keys'),
      description: t('variable.type.dimension-keys-help', 'of the series of a model and metric'),
    },
    {
      value: 'dimensionValues',
      label: t('variable.type.dimension-values', 'Dimension values'),
      description: t('variable.type.dimension-values-help', 'of one dimension key'),
    },
    {
      value: 'accounts',
      label: t('variable.type.accounts', 'Accounts'),
      description: t('variable.type.accounts-help', 'payment-risk accounts (first 1000)'),
    },
  ];
}

/** Picker options: names from the exporter, then the dashboard's variables, then what was typed. */
export function withVariables(names: string[], variables: string[], current?: string): Array<Option<string>> {
  const all = [...names, ...variables.map((v) => `$${v}`)];
  if (current && !all.includes(current)) {
    all.unshift(current);
  }
  return [...new Set(all)].map((value) => ({ value, label: value }));
}
