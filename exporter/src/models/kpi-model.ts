import type {
  Forecast,
  Insight,
  InsightEvidence,
  InsightType,
  KpiDefinition,
  Learning,
  ModelInfo,
  Severity,
} from '@kpilens/contract';
import type { Db, Queryable } from '../db/db';
import type { RecommendationDraft } from '../recommendations/generate';
import type { AnomalyOptions } from './anomaly-findings';

export type { RecommendationDraft };

/** One KPI series of a model with its hourly values (time order), as the analysis reads it. */
export interface KpiSeries {
  id: number;
  model: string;
  metric: string;
  dimensions: Record<string, string>;
  /** [hour start (epoch ms), hourly mean]. */
  hours: Array<[number, number]>;
}

/** What `fetchMetrics` returns: the model's series over the analysed window. */
export interface ModelData {
  model: string;
  fromMs: number;
  nowMs: number;
  series: KpiSeries[];
}

/**
 * A condition the analysis found. One insight per `key` is open at a time: a run that finds the key again
 * updates it, a run that no longer finds it resolves it.
 */
export interface Finding {
  type: InsightType;
  /** The condition, e.g. anomaly:<series id>:up or trend_change:<series id>:level_shift:down. */
  key: string;
  seriesId: number;
  severity: Severity;
  title: string;
  message: string;
  evidence: InsightEvidence;
  startMs: number;
  lastMs: number;
  /** When the condition ended (an anomaly episode over); null while it goes on. */
  endMs: number | null;
}

/** A forecast of one series before it is stored (Forecast without the series' names). */
export type ForecastDraft = Omit<Forecast, 'series' | 'generatedAt'> & { seriesId: number };

/** A lead-lag relation found between a series of this model (leader) and one of another model. */
export interface LearningDraft {
  leaderId: number;
  followerId: number;
  lagDays: number;
  correlation: number;
  pValue: number;
  n: number;
}

/** The result of `analyseKpi`. */
export interface ModelAnalysis {
  /**
   * Anomaly episodes over the whole replayed window (several per key over time; each its own insight).
   */
  episodes: Finding[];
  /** Conditions that hold now (peer outlier, trend change, target risk): at most one per key. */
  current: Finding[];
  /** The types `current` covers: open insights of these types that were not found again are resolved. */
  evaluated: InsightType[];
  forecasts: ForecastDraft[];
  /** Anomaly score of each series' latest point: [series id, score in 0..1]. */
  scores: Array<[number, number]>;
}

/** Settings of one analysis (the detector's and the replay's), the same for every model. */
export interface AnalyseOptions extends AnomalyOptions {
  /** Anomalies are replayed from here (a Monday, so every run of a week finds the same start times). */
  replayFromMs: number;
}

export interface FetchContext {
  /** The transaction of the run (under the model's advisory lock). */
  tx: Queryable;
  db: Db;
  orgId: number;
  fromMs: number;
  nowMs: number;
}

/**
 * The contract of a KPI model: fetch its metrics, analyse them into findings and forecasts, publish
 * learnings (its series leading other models' series) and use the learnings other models published about
 * its own series, and turn insights and learnings into recommendation drafts. A declarative model
 * (declarative-model.ts) is the usual implementation; a class can implement it for custom logic.
 */
export interface KpiModel {
  readonly name: string;
  readonly description: string;
  readonly origin: ModelInfo['origin'];
  readonly kpis: readonly KpiDefinition[];
  /** Reads (and where needed derives) the model's KPI series over [fromMs, nowMs). */
  fetchMetrics(ctx: FetchContext): Promise<ModelData>;
  /** Pure: the findings and forecasts of the data. */
  analyseKpi(data: ModelData, opts: AnalyseOptions): ModelAnalysis;
  /** Pure: relations where one of this model's series leads a series of another model. */
  shareLearnings(data: ModelData, others: readonly ModelData[]): LearningDraft[];
  /** Pure: insights from the learnings other models published in which this model's series follow. */
  learnFromOtherModels(learnings: readonly Learning[], nowMs: number): Finding[];
  /**
   * Pure: recommendation drafts from the model's active insights, the learnings it takes part in and its
   * data (recent values of peers), before the quality gate.
   */
  generateRecommendations(
    insights: readonly Insight[],
    learnings: readonly Learning[],
    data: ModelData,
  ): RecommendationDraft[];
}
