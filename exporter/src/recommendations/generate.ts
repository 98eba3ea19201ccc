import type { Insight, KpiDefinition, Language, Learning, Priority, Severity } from '@kpilens/contract';
import { evidenceFigures, type EvidenceFigures } from '../narratives/evidence';
import { relChange } from '../narratives/format';
import { renderRecommendation } from '../narratives/recommendations';
import type { LearningNote, RecommendationKind, RecommendationParams } from './kinds';

/** A recent value of one series of the model (e.g. the last 7 days' mean), to compare peers. */
export interface PeerValue {
  metric: string;
  dimensions: Record<string, string>;
  value: number;
}

export interface GenerateInput {
  model: { name: string; kpis: ReadonlyArray<Pick<KpiDefinition, 'metric' | 'unit' | 'goodDirection'>> };
  /** Insights of the model; resolved ones and learning insights raise nothing. */
  insights: Insight[];
  /**
   * Learnings the model takes part in: the ones it published (its KPI leads another model's: act now, with
   * a higher priority) and the ones other models published about its KPIs (another model's KPI leads: the
   * rationale says where to look for the cause).
   */
  learnings?: Learning[];
  peers?: PeerValue[];
  lang?: Language;
}

export interface RecommendationDraft {
  model: string;
  kind: RecommendationKind;
  /** Canonical "key=value, key=value" of what it acts on. */
  target: string;
  /** Other targets it acts on (move_budget: where the budget goes). */
  relatedTargets: string[];
  params: RecommendationParams;
  action: string;
  rationale: string;
  expectedImpact: string;
  priority: Priority;
  /** Strength of the evidence before feedback (feedback.ts turns it into the ranking score). */
  baseScore: number;
  insightIds: number[];
}

// A budget move is only worth it when the best peer is clearly better.
const MIN_PEER_GAP = 0.1;
const SEVERITY_WEIGHT: Record<Severity, number> = { info: 1, warning: 2, critical: 3 };
const PRIORITY_OF: Record<Severity, Priority> = { info: 'low', warning: 'medium', critical: 'high' };
const PRIORITY_ORDER: Priority[] = ['low', 'medium', 'high'];
const LEARNING_BOOST = 1.25;
// Revenue and the subscription KPIs behind recurring revenue: the levers are the same (dunning, offers, pricing).
const REVENUE_METRICS = ['revenue', 'mrr', 'arpu', 'churn_rate', 'churned_subscribers', 'active_subscribers'];

export function targetOf(dimensions: Record<string, string>): string {
  const keys = Object.keys(dimensions).sort();
  return keys.length ? keys.map((k) => `${k}=${dimensions[k]}`).join(', ') : 'all';
}

const isSubset = (a: Record<string, string>, b: Record<string, string>) =>
  Object.entries(a).every(([k, v]) => b[k] === v);
const sameKeys = (a: Record<string, string>, keys: string[]) =>
  Object.keys(a).length === keys.length && keys.every((k) => k in a);

/** The learning with the strongest correlation among those `match` keeps, as the texts cite it. */
function strongestNote(
  learnings: Learning[],
  match: (l: Learning) => boolean,
  withLeaderModel: boolean,
): LearningNote | undefined {
  const best = learnings
    .filter(match)
    .sort((a, b) => Math.abs(b.correlation) - Math.abs(a.correlation) || a.id - b.id)[0];
  if (!best) return undefined;
  return {
    ...(withLeaderModel ? { leaderModel: best.leader.model } : {}),
    leaderMetric: best.leader.metric,
    leaderWhere: best.leader.dimensions,
    followerModel: best.follower.model,
    followerMetric: best.follower.metric,
    followerWhere: best.follower.dimensions,
    lagDays: best.lagDays,
    correlation: best.correlation,
  };
}

/** The strongest learning whose leader is this insight's KPI (same model and metric, dimensions within). */
function leadingLearning(model: string, ins: Insight, learnings: Learning[]): LearningNote | undefined {
  return strongestNote(
    learnings,
    (l) =>
      l.leader.model === model &&
      l.leader.metric === ins.series.metric &&
      isSubset(l.leader.dimensions, ins.series.dimensions),
    false,
  );
}

/**
 * The strongest learning another model published in which this insight's KPI follows (same model and metric,
 * the learning's dimensions within the insight's): the other model's KPI moved first.
 */
function ledByLearning(model: string, ins: Insight, learnings: Learning[]): LearningNote | undefined {
  return strongestNote(
    learnings,
    (l) =>
      l.follower.model === model &&
      l.leader.model !== model &&
      l.follower.metric === ins.series.metric &&
      isSubset(l.follower.dimensions, ins.series.dimensions),
    true,
  );
}

/** The platform with the best value of the metric among platform-level peers, when clearly better. */
function bestPeer(
  metric: string,
  platform: string,
  observed: number,
  goodDirection: 'up' | 'down',
  peers: PeerValue[],
): PeerValue | undefined {
  const candidates = peers.filter(
    (p) =>
      p.metric === metric &&
      sameKeys(p.dimensions, ['platform']) &&
      p.dimensions.platform !== platform &&
      Number.isFinite(p.value),
  );
  const sign = goodDirection === 'down' ? 1 : -1;
  candidates.sort(
    (a, b) => sign * (a.value - b.value) || a.dimensions.platform.localeCompare(b.dimensions.platform),
  );
  const best = candidates[0];
  if (!best || observed === 0) return undefined;
  const gain = (sign * (observed - best.value)) / Math.abs(observed);
  return gain >= MIN_PEER_GAP ? best : undefined;
}

/** Which action an insight calls for, or null when it calls for none (good news without a lever). */
function kindFor(
  ins: Insight,
  ev: EvidenceFigures,
  good: 'up' | 'down' | undefined,
  peers: PeerValue[],
): { kind: RecommendationKind; target: Record<string, string>; to?: PeerValue } | null {
  const { metric, dimensions: d } = ins.series;
  const bad = good !== undefined && ev.direction !== good;
  const favourable = good !== undefined && ev.direction === good;
  const platformLevel = sameKeys(d, ['platform']);
  if (['cpl', 'cpc', 'roas'].includes(metric) && platformLevel && good) {
    if (bad) {
      const to = bestPeer(metric, d.platform, ev.observed, good, peers);
      if (to) return { kind: 'move_budget', target: d, to };
    } else if (favourable && ins.severity !== 'info') return { kind: 'increase_budget', target: d };
    else if (favourable && ins.type === 'peer_outlier') return { kind: 'increase_budget', target: d };
  }
  if (favourable) return null;
  if (bad && metric === 'ctr') return { kind: 'refresh_creative', target: d };
  if (bad && metric === 'conversion_rate') return { kind: 'review_landing_page', target: d };
  if (bad && d.method && ['payment_failure_rate', 'payment_success_rate', 'payments_failed'].includes(metric))
    return { kind: 'investigate_payment_method', target: { method: d.method } };
  if (
    bad &&
    d.source &&
    ['signup_completion_rate', 'time_to_complete_seconds', 'signups_completed'].includes(metric)
  )
    return { kind: 'fix_onboarding_step', target: { source: d.source } };
  if ((bad || ins.type === 'target_risk') && REVENUE_METRICS.includes(metric))
    return { kind: 'protect_revenue', target: d };
  if (bad || ins.severity !== 'info') return { kind: 'investigate_kpi', target: { ...d, metric } };
  return null;
}

/**
 * Turns a model's insights (and the learnings of every model) into concrete actions, one per kind and
 * target, strongest evidence first. Pure: the caller reads the inputs and stores the result.
 */
export function generateRecommendations(input: GenerateInput): RecommendationDraft[] {
  const lang = input.lang ?? 'en';
  const kpis = new Map(input.model.kpis.map((k) => [k.metric, k]));
  const byKey = new Map<string, RecommendationDraft>();
  for (const ins of input.insights) {
    if (ins.status === 'resolved' || ins.type === 'learning') continue;
    if (ins.model !== input.model.name) continue;
    const ev = evidenceFigures(ins);
    if (!ev) continue;
    const kpi = kpis.get(ins.series.metric);
    const choice = kindFor(ins, ev, kpi?.goodDirection, input.peers ?? []);
    if (!choice) continue;
    const learning = leadingLearning(input.model.name, ins, input.learnings ?? []);
    const ledBy = ledByLearning(input.model.name, ins, input.learnings ?? []);
    const params: RecommendationParams = {
      metric: ins.series.metric,
      ...(kpi?.unit ? { unit: kpi.unit } : {}),
      where: ins.series.dimensions,
      observed: ev.observed,
      expected: ev.expected,
      change: relChange(ev.observed, ev.expected),
      insightType: ins.type,
      ...(choice.to ? { to: choice.to.dimensions.platform, toValue: choice.to.value } : {}),
      ...(learning ? { learning } : {}),
      ...(ledBy ? { ledBy } : {}),
    };
    let priority = PRIORITY_OF[ins.severity];
    if (learning) priority = PRIORITY_ORDER[Math.min(2, PRIORITY_ORDER.indexOf(priority) + 1)];
    const strength = Number.isFinite(ev.score) ? Math.min(1, Math.max(0, ev.score)) : 0.5;
    const baseScore =
      Math.round(
        SEVERITY_WEIGHT[ins.severity] * (0.5 + 0.5 * strength) * (learning ? LEARNING_BOOST : 1) * 1e4,
      ) / 1e4;
    const draft: RecommendationDraft = {
      model: input.model.name,
      kind: choice.kind,
      target: targetOf(choice.target),
      relatedTargets: choice.to ? [targetOf({ platform: choice.to.dimensions.platform })] : [],
      params,
      ...renderRecommendation(choice.kind, params, lang),
      priority,
      baseScore,
      insightIds: [ins.id],
    };
    const key = `${draft.kind}|${draft.target}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, draft);
      continue;
    }
    // One action per kind and target: the strongest evidence speaks, every insight behind it is kept.
    const keep = draft.baseScore > prev.baseScore ? draft : prev;
    keep.insightIds = [...new Set([...prev.insightIds, ...draft.insightIds])].sort((a, b) => a - b);
    keep.priority =
      PRIORITY_ORDER[Math.max(PRIORITY_ORDER.indexOf(prev.priority), PRIORITY_ORDER.indexOf(draft.priority))];
    byKey.set(key, keep);
  }
  return [...byKey.values()].sort(
    (a, b) => b.baseScore - a.baseScore || a.kind.localeCompare(b.kind) || a.target.localeCompare(b.target),
  );
}
