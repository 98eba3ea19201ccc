// Cross-model learnings: which of a model's series lead series of other models (shareLearnings), and the
// learning insights of the follower model (learnFromOtherModels), from exporter/src/analysis/learnings.ts.

import type { KpiDefinition, Learning, LearningEvidence } from '@kpilens/contract';
import { toDaily } from '../analysis/daily';
import { findLearnings } from '../analysis/learnings';
import { whereOf } from './anomaly-findings';
import type { Finding, KpiSeries, LearningDraft, ModelData } from './kpi-model';

const DAY_MS = 86_400_000;
export const LEARNING_DAYS = 91;

/**
 * Series a learning may be about: the totals and one-dimension breakdowns (a platform, a source). Finer
 * cells are noisy and multiply the pairs (each pair costs 29 correlations and dilutes the correction).
 */
export const learningCandidate = (s: KpiSeries) => Object.keys(s.dimensions).length <= 1;

/**
 * The relations in which a series of this model leads (by one day or more) a series of another model, at a
 * false discovery rate of 5 % over every pair and lag tested. Same-day co-movement is not a lead; a relation
 * where the other model's series leads is the other model's to publish.
 */
export function shareLearnings(data: ModelData, others: readonly ModelData[]): LearningDraft[] {
  const toDayMs = Math.floor(data.nowMs / DAY_MS) * DAY_MS;
  const daily = (s: KpiSeries) =>
    toDaily(s.hours, { aggregate: 'mean', fromDayMs: toDayMs - LEARNING_DAYS * DAY_MS, toDayMs }).values;
  const own = data.series.filter(learningCandidate).map((s) => ({ s, d: daily(s) }));
  const theirs = others.flatMap((o) => o.series.filter(learningCandidate)).map((s) => ({ s, d: daily(s) }));
  const pairs = own.flatMap((a) =>
    theirs.map((b) => ({ key: { leaderId: a.s.id, followerId: b.s.id }, a: a.d, b: b.d })),
  );
  if (pairs.length === 0) return [];
  return findLearnings(pairs)
    .filter((f) => f.leader === 'a' && f.lagDays >= 1)
    .map((f) => ({ ...f.key, lagDays: f.lagDays, correlation: f.correlation, pValue: f.pValue, n: f.n }));
}

/** One `learning` insight per published learning in which this model's series follows. */
export function learningFindings(
  model: string,
  kpis: readonly KpiDefinition[],
  learnings: readonly Learning[],
): Finding[] {
  const metrics = new Set(kpis.map((k) => k.metric));
  return learnings
    .filter((l) => l.follower.model === model && metrics.has(l.follower.metric))
    .map((l) => {
      const evidence: LearningEvidence = {
        kind: 'learning',
        leader: l.leader,
        follower: l.follower,
        lagDays: l.lagDays,
        correlation: l.correlation,
        pValue: l.pValue,
        n: l.n,
      };
      const how = l.correlation > 0 ? 'in the same direction' : 'in the opposite direction';
      return {
        type: 'learning' as const,
        key: `learning:${l.leader.id}:${l.follower.id}`,
        seriesId: l.follower.id,
        severity: 'info' as const,
        title:
          `${l.follower.metric}${whereOf(l.follower.dimensions)} follows ${l.leader.model} ${l.leader.metric}` +
          `${whereOf(l.leader.dimensions)} by ${l.lagDays} day${l.lagDays === 1 ? '' : 's'}`,
        message:
          `Daily changes of ${l.leader.model} ${l.leader.metric}${whereOf(l.leader.dimensions)} are followed ` +
          `${l.lagDays} day${l.lagDays === 1 ? '' : 's'} later by changes of ${l.follower.metric} ${how} ` +
          `(correlation ${l.correlation.toFixed(2)} over ${l.n} days, q = ${l.pValue.toPrecision(2)}): ` +
          `watch the first to anticipate the second.`,
        evidence,
        startMs: Date.parse(l.discoveredAt),
        lastMs: Date.parse(l.lastConfirmedAt),
        endMs: null,
      };
    });
}
