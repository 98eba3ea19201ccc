import { normalizeEvents } from './normalize-events';

const bounds = {
  nowMs: Date.parse('2026-06-01T00:00:00Z'),
  minMs: Date.parse('1990-01-01T00:00:00Z'),
  maxFutureSkewMs: 86400000,
};

describe('normalizeEvents', () => {
  it('resolves timestamps and keeps the other fields as the payload', () => {
    const { events, errors } = normalizeEvents(
      [
        { type: 'signup_started', id: 'e1', userId: 'u1', source: 'ads', timestamp: '2026-05-01T10:00:00Z' },
        { type: 'signup_completed', id: 'e2', userId: 'u1', timestamp: 1777630000000 },
        { type: 'signup_completed', id: 'e3', userId: 'u2' },
      ],
      bounds,
    );
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        type: 'signup_started',
        id: 'e1',
        ts: Date.parse('2026-05-01T10:00:00Z'),
        payload: { userId: 'u1', source: 'ads' },
      },
      { type: 'signup_completed', id: 'e2', ts: 1777630000000, payload: { userId: 'u1' } },
      { type: 'signup_completed', id: 'e3', ts: bounds.nowMs, payload: { userId: 'u2' } },
    ]);
  });

  it('lists every implausible timestamp with its index and path', () => {
    const { events, errors } = normalizeEvents(
      [
        { type: 'signup_started', id: 'a', userId: 'u', source: 's', timestamp: '1970-01-01T00:00:00Z' },
        { type: 'signup_started', id: 'b', userId: 'u', source: 's' },
        { type: 'signup_started', id: 'c', userId: 'u', source: 's', timestamp: 1.5 },
      ],
      bounds,
      '/events',
    );
    expect(events.map((e) => e.id)).toEqual(['b']);
    expect(errors).toEqual([
      { index: 0, path: '/events/0/timestamp', message: expect.stringMatching(/between/) },
      { index: 2, path: '/events/2/timestamp', message: expect.stringMatching(/integer/) },
    ]);
  });
});
