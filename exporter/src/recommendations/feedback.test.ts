import { feedbackByKind, feedbackFactor, rankScore } from './feedback';

describe('feedback on recommendation kinds', () => {
  it('leaves a kind without decisions as it is, and moves a decided kind between 0.5 and 1.5', () => {
    expect(feedbackFactor(undefined)).toBe(1);
    expect(feedbackFactor({ accepted: 0, dismissed: 0 })).toBe(1);
    expect(feedbackFactor({ accepted: 96, dismissed: 0 })).toBeCloseTo(1.48, 2);
    expect(feedbackFactor({ accepted: 0, dismissed: 96 })).toBeCloseTo(0.52, 2);
    expect(feedbackFactor({ accepted: 1, dismissed: 0 })).toBeCloseTo(1.1, 5);
  });

  it('ranks a kind users keep dismissing below one they accept, for the same evidence', () => {
    const byKind = feedbackByKind([
      { kind: 'move_budget', status: 'dismissed' },
      { kind: 'move_budget', status: 'dismissed' },
      { kind: 'move_budget', status: 'dismissed' },
      { kind: 'refresh_creative', status: 'accepted' },
      { kind: 'refresh_creative', status: 'done' },
      { kind: 'refresh_creative', status: 'pending' },
      { kind: 'refresh_creative', status: 'snoozed' },
    ]);
    expect(byKind.get('move_budget')).toEqual({ accepted: 0, dismissed: 3 });
    expect(byKind.get('refresh_creative')).toEqual({ accepted: 2, dismissed: 0 });
    const budget = rankScore(2, byKind.get('move_budget'));
    const creative = rankScore(2, byKind.get('refresh_creative'));
    expect(budget).toBeCloseTo(2 * (0.5 + 2 / 7), 4);
    expect(creative).toBeCloseTo(2 * (0.5 + 4 / 6), 4);
    // strong enough evidence still outranks the feedback
    expect(rankScore(3, byKind.get('move_budget'))).toBeGreaterThan(
      rankScore(1, byKind.get('refresh_creative')),
    );
    expect(creative).toBeGreaterThan(budget);
  });
});
