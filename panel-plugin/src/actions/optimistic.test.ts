import { addChanges, canAct, changeOf, dropChanges, withChanges } from './optimistic';
import type { RecommendationView } from '../transforms/recommendations';

const card = (id: number): RecommendationView => ({
  id,
  priority: 'high',
  status: 'pending',
  model: 'ads',
  kind: 'move_budget',
  target: 'platform=tiktok',
  action: 'Move budget',
  rationale: 'CTR fell',
  expectedImpact: '+5% conversions',
  score: 1,
  auditScore: 90,
  findings: [],
  createdAt: 0,
  dismissReason: '',
  snoozedUntil: null,
});

describe('optimistic inbox changes', () => {
  it('shows an action at once and rolls back only the failed ids', () => {
    const rows = [card(1), card(2), card(3)];
    let pending = addChanges(new Map(), [1, 2], changeOf({ kind: 'dismiss', reason: 'not relevant' }));
    expect(withChanges(rows, pending).map((r) => [r.status, r.dismissReason])).toEqual([
      ['dismissed', 'not relevant'],
      ['dismissed', 'not relevant'],
      ['pending', ''],
    ]);
    pending = dropChanges(pending, [2]);
    expect(withChanges(rows, pending).map((r) => r.status)).toEqual(['dismissed', 'pending', 'pending']);
    expect(rows[0].status).toBe('pending');
  });

  it('maps each action to its status', () => {
    expect(changeOf({ kind: 'accept' })).toEqual({ status: 'accepted' });
    expect(changeOf({ kind: 'snooze', untilMs: 5 })).toEqual({ status: 'snoozed', snoozedUntil: 5 });
  });

  it('lets users act on pending and snoozed recommendations only', () => {
    expect(canAct({ status: 'pending' })).toBe(true);
    expect(canAct({ status: 'snoozed' })).toBe(true);
    expect(canAct({ status: 'accepted' })).toBe(false);
    expect(canAct({ status: 'dismissed' })).toBe(false);
  });
});
