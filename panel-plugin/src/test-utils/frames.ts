import type { DataFrame } from '@grafana/data';
import type { AccountRisk, Briefing, Insight, Recommendation } from '@kpilens/contract';
import { briefingFrame as dsBriefing } from '../../../datasource-plugin/src/frames/briefing';
import { insightsFrame as dsInsights } from '../../../datasource-plugin/src/frames/insights';
import { recommendationsFrame as dsRecommendations } from '../../../datasource-plugin/src/frames/recommendations';
import { riskScoresFrame } from '../../../datasource-plugin/src/frames/risk';

// Frames exactly as the KPI Lens datasource shapes each query type (its own frame functions), from
// contract objects, so panel tests read like the exporter's answers.

const page = <K extends string, T>(key: K, items: T[]) =>
  ({ [key]: items, total: items.length, limit: Math.max(1, items.length), offset: 0 }) as Record<K, T[]> & {
    total: number;
    limit: number;
    offset: number;
  };

export function insightsFrame(insights: Insight[]): DataFrame {
  return dsInsights(page('insights', insights), 'A', { datasourceUid: 'kpl', datasourceName: 'KPI Lens' });
}

export type AccountRow = AccountRisk;

export function riskFrame(scores: AccountRisk[]): DataFrame {
  return riskScoresFrame(page('scores', scores), 'A');
}

export function recommendationsFrame(recs: Recommendation[]): DataFrame {
  return dsRecommendations(page('recommendations', recs), 'A');
}

export function briefingFrame(briefing: Briefing): DataFrame {
  return dsBriefing(briefing, 'A');
}
