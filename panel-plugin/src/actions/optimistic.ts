import type { RecommendationStatus } from '@kpilens/contract';
import type { RecommendationView } from '../transforms/recommendations';

/** What a user can do to a recommendation from the inbox. */
export type RecommendationAction =
  { kind: 'accept' } | { kind: 'dismiss'; reason: string } | { kind: 'snooze'; untilMs: number };

/** Changes made in the inbox that the next query result does not show yet, by recommendation id. */
export type PendingChanges = ReadonlyMap<number, Partial<RecommendationView>>;

const STATUS_OF: Record<RecommendationAction['kind'], RecommendationStatus> = {
  accept: 'accepted',
  dismiss: 'dismissed',
  snooze: 'snoozed',
};

/** The change an action makes to a card, shown at once (optimistic update). */
export function changeOf(action: RecommendationAction): Partial<RecommendationView> {
  switch (action.kind) {
    case 'accept':
      return { status: STATUS_OF.accept };
    case 'dismiss':
      return { status: STATUS_OF.dismiss, dismissReason: action.reason };
    case 'snooze':
      return { status: STATUS_OF.snooze, snoozedUntil: action.untilMs };
  }
}

export function withChanges(rows: RecommendationView[], pending: PendingChanges): RecommendationView[] {
  return rows.map((r) => (pending.has(r.id) ? { ...r, ...pending.get(r.id) } : r));
}

export function addChanges(
  pending: PendingChanges,
  ids: number[],
  change: Partial<RecommendationView>,
): PendingChanges {
  const next = new Map(pending);
  ids.forEach((id) => next.set(id, change));
  return next;
}

/** Rollback: the ids whose call failed go back to what the data says. */
export function dropChanges(pending: PendingChanges, ids: number[]): PendingChanges {
  const next = new Map(pending);
  ids.forEach((id) => next.delete(id));
  return next;
}

/** Only pending (or snoozed) recommendations can be acted on. */
export function canAct(r: Pick<RecommendationView, 'status'>): boolean {
  return r.status === 'pending' || r.status === 'snoozed';
}
