// The kinds of recommendation and the figures each one carries. The texts are rendered from these figures
// by the narrative templates (narratives/recommendations.ts), so a stored recommendation reads in any language.

export const RecommendationKinds = [
  'move_budget',
  'increase_budget',
  'refresh_creative',
  'review_landing_page',
  'investigate_payment_method',
  'fix_onboarding_step',
  'protect_revenue',
  'investigate_kpi',
] as const;
export type RecommendationKind = (typeof RecommendationKinds)[number];

/**
 * A cross-model learning behind a recommendation: the leader moves first, the follower later. On the
 * leader's side it makes acting now worthwhile; on the follower's side (a learning another model published,
 * `leaderModel` set) it says where to look for the cause.
 */
export interface LearningNote {
  /** The leader's model, when it is another model than the recommendation's. */
  leaderModel?: string;
  leaderMetric: string;
  leaderWhere: Record<string, string>;
  followerModel: string;
  followerMetric: string;
  followerWhere: Record<string, string>;
  lagDays: number;
  correlation: number;
}

/** What a recommendation is about, with the figures behind it. */
export interface RecommendationParams {
  metric: string;
  unit?: string;
  /** The dimensions of the series the evidence comes from. */
  where: Record<string, string>;
  observed: number;
  /** Expected value (anomaly), peer median (peer outlier) or target (target risk). */
  expected: number;
  /** Relative change of observed against expected. */
  change: number | null;
  insightType: string;
  /** move_budget: the platform to move budget to and its value of the same metric. */
  to?: string;
  toValue?: number;
  learning?: LearningNote;
  /** A KPI of another model that moves before this one (a learning that model published). */
  ledBy?: LearningNote;
}
