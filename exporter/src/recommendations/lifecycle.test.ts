import { effectiveStatus, transitionError } from './lifecycle';

describe('recommendation lifecycle', () => {
  it('allows pending -> accepted, dismissed, snoozed, done and accepted -> done', () => {
    for (const d of ['accept', 'dismiss', 'snooze', 'done'] as const)
      expect(transitionError('pending', d)).toBeNull();
    expect(transitionError('accepted', 'done')).toBeNull();
    expect(transitionError('snoozed', 'accept')).toBeNull();
  });

  it('refuses what makes no sense, saying what is allowed', () => {
    expect(transitionError('accepted', 'snooze')).toBe(
      'cannot snooze a recommendation that is accepted (allowed: dismiss, done)',
    );
    expect(transitionError('done', 'accept')).toBe(
      'cannot accept a recommendation that is done (done is final)',
    );
    expect(transitionError('dismissed', 'dismiss')).toMatch(/final/);
  });

  it('brings a snoozed recommendation back to pending when its time is up', () => {
    expect(effectiveStatus('snoozed', 1000, 999)).toBe('snoozed');
    expect(effectiveStatus('snoozed', 1000, 1000)).toBe('pending');
    expect(effectiveStatus('accepted', null, 1000)).toBe('accepted');
  });
});
