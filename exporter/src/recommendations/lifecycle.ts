import type { RecommendationStatus } from '@kpilens/contract';

// Which decision may follow which status: pending -> accepted | dismissed | snoozed | done; an accepted one
// can still be done or dismissed; a snoozed one comes back to pending when its time is up (or is decided
// earlier); dismissed and done are final.

export const Decisions = ['accept', 'dismiss', 'snooze', 'done'] as const;
export type Decision = (typeof Decisions)[number];

export const DECISION_STATUS: Record<Decision, RecommendationStatus> = {
  accept: 'accepted',
  dismiss: 'dismissed',
  snooze: 'snoozed',
  done: 'done',
};

const ALLOWED: Record<RecommendationStatus, readonly Decision[]> = {
  pending: ['accept', 'dismiss', 'snooze', 'done'],
  accepted: ['dismiss', 'done'],
  snoozed: ['accept', 'dismiss', 'snooze', 'done'],
  dismissed: [],
  done: [],
};

/** null when allowed; otherwise why not (answered with 409). */
export function transitionError(from: RecommendationStatus, decision: Decision): string | null {
  if (ALLOWED[from].includes(decision)) return null;
  const allowed = ALLOWED[from];
  return `cannot ${decision} a recommendation that is ${from}${
    allowed.length ? ` (allowed: ${allowed.join(', ')})` : ` (${from} is final)`
  }`;
}

/** Status as of `nowMs`: a snooze whose time is up is pending again. */
export function effectiveStatus(
  status: RecommendationStatus,
  snoozedUntilMs: number | null,
  nowMs: number,
): RecommendationStatus {
  return status === 'snoozed' && snoozedUntilMs !== null && snoozedUntilMs <= nowMs ? 'pending' : status;
}
