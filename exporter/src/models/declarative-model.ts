import type {
  Insight,
  KpiDefinition,
  Learning,
  ModelConfig,
  ModelDetectors,
  ModelInfo,
} from '@kpilens/contract';
import { generateRecommendations, type PeerValue } from '../recommendations/generate';
import { anomalyFindings, detectEpisodes } from './anomaly-findings';
import {
  DEFAULT_CHANGE_OPTIONS,
  levelShiftFinding,
  peerFindings,
  periodFindings,
  trendFinding,
  type ChangeOptions,
} from './change-findings';
import { fetchDeclaredSeries } from './fetch-series';
import { forecastSeries } from './forecast-findings';
import { learningFindings, shareLearnings } from './learning-findings';
import type {
  AnalyseOptions,
  FetchContext,
  Finding,
  KpiModel,
  LearningDraft,
  ModelAnalysis,
  ModelData,
  RecommendationDraft,
} from './kpi-model';

/**
 * The one adapter from a model as data (built-in or a file of KPILENS_MODELS_DIR) to the KpiModel contract:
 * every declared detector runs on every KPI series, with the KPI's good direction, peers and target.
 */
export class DeclarativeModel implements KpiModel {
  readonly name: string;
  readonly description: string;
  readonly kpis: readonly KpiDefinition[];
  private readonly detectors: Required<ModelDetectors>;
  private readonly byMetric: Map<string, KpiDefinition>;

  constructor(
    config: ModelConfig,
    readonly origin: ModelInfo['origin'],
    private readonly change: ChangeOptions = DEFAULT_CHANGE_OPTIONS,
  ) {
    this.name = config.name;
    this.description = config.description;
    this.kpis = config.kpis;
    this.byMetric = new Map(config.kpis.map((k) => [k.metric, k]));
    this.detectors = {
      anomaly: true,
      peers: true,
      trends: true,
      forecast: true,
      learnings: true,
      ...config.detectors,
    };
  }

  fetchMetrics(ctx: FetchContext): Promise<ModelData> {
    return fetchDeclaredSeries(ctx, this.name, this.kpis);
  }

  analyseKpi(data: ModelData, opts: AnalyseOptions): ModelAnalysis {
    const out: ModelAnalysis = { episodes: [], current: [], evaluated: [], forecasts: [], scores: [] };
    for (const s of data.series) {
      const kpi = this.byMetric.get(s.metric);
      if (!kpi) continue;
      if (this.detectors.anomaly) {
        const replay = s.hours.filter(([t]) => t >= opts.replayFromMs);
        const { episodes, lastScore } = detectEpisodes(replay, opts);
        out.episodes.push(...anomalyFindings(kpi, s, episodes));
        if (lastScore !== null) out.scores.push([s.id, lastScore]);
      }
    }
    const withKpi = data.series
      .map((series) => ({ kpi: this.byMetric.get(series.metric)!, series }))
      .filter((x) => x.kpi);
    if (this.detectors.trends) {
      out.evaluated.push('trend_change');
      for (const { kpi, series } of withKpi) {
        const trend = trendFinding(kpi, series, data.nowMs, this.change);
        if (trend) out.current.push(trend);
        const shift = levelShiftFinding(kpi, series, data.nowMs, this.change);
        if (shift) out.current.push(shift);
      }
      out.current.push(...periodFindings(withKpi, data.nowMs, this.change));
    }
    if (this.detectors.forecast) {
      out.evaluated.push('target_risk');
      for (const { kpi, series } of withKpi) {
        const f = forecastSeries(kpi, series, data.nowMs);
        if (!f) continue;
        out.forecasts.push(f.forecast);
        if (f.finding) out.current.push(f.finding);
      }
    }
    if (this.detectors.peers) {
      out.evaluated.push('peer_outlier');
      for (const kpi of this.kpis)
        out.current.push(...peerFindings(kpi, data.series, data.nowMs, this.change));
    }
    return out;
  }

  shareLearnings(data: ModelData, others: readonly ModelData[]): LearningDraft[] {
    return this.detectors.learnings ? shareLearnings(data, others) : [];
  }

  learnFromOtherModels(learnings: readonly Learning[]): Finding[] {
    return this.detectors.learnings ? learningFindings(this.name, this.kpis, learnings) : [];
  }

  /** Delegates to the recommendations module, with each series' mean of its last 7 days as peer values. */
  generateRecommendations(
    insights: readonly Insight[],
    learnings: readonly Learning[],
    data: ModelData,
  ): RecommendationDraft[] {
    return generateRecommendations({
      model: { name: this.name, kpis: this.kpis },
      insights: [...insights],
      learnings: [...learnings],
      peers: recentValues(data, 7),
    });
  }
}

/** Mean of each series' values over its last `days` days of data (series without any are left out). */
export function recentValues(data: ModelData, days: number): PeerValue[] {
  const from = data.nowMs - days * 86_400_000;
  const out: PeerValue[] = [];
  for (const s of data.series) {
    let sum = 0;
    let n = 0;
    for (const [t, v] of s.hours)
      if (t >= from) {
        sum += v;
        n++;
      }
    if (n > 0) out.push({ metric: s.metric, dimensions: s.dimensions, value: sum / n });
  }
  return out;
}
