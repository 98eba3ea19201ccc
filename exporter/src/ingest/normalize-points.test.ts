import { dedupeLastWins, normalizePoints, parseTimestamp, seriesKey, timeRanges } from './normalize-points';

const bounds = {
  nowMs: Date.parse('2026-06-01T00:00:00Z'),
  minMs: Date.parse('1990-01-01T00:00:00Z'),
  maxFutureSkewMs: 86400000,
};

describe('normalizePoints', () => {
  it('accepts the exact payload existing integrations send, extra fields as dimensions', () => {
    const { points, errors } = normalizePoints(
      [
        {
          modelName: 'marketing',
          metricName: 'ctr',
          value: 2.5,
          platform: 'instagram',
          campaignId: 'camp_123',
        },
      ],
      bounds,
    );
    expect(errors).toEqual([]);
    expect(points[0]).toMatchObject({
      model: 'marketing',
      metric: 'ctr',
      value: 2.5,
      ts: bounds.nowMs,
      dimensions: { platform: 'instagram', campaignId: 'camp_123' },
    });
  });

  it('gives the same series key whatever the order of dimensions', () => {
    expect(seriesKey('m', 'x', { a: '1', b: '2' })).toBe(seriesKey('m', 'x', { b: '2', a: '1' }));
    expect(seriesKey('m', 'x', { a: '1' })).not.toBe(seriesKey('m', 'x', { a: '2' }));
  });

  it('finds each point its series within a batch, whatever the order and type of its dimensions', () => {
    const pt = (dims: Record<string, string | number | boolean>, metric = 'x') =>
      ({ modelName: 'm', metricName: metric, value: 1, timestamp: bounds.nowMs, ...dims }) as never;
    const { points, errors } = normalizePoints(
      [
        pt({ a: '1', b: 'x' }),
        pt({ b: 'x', a: 1 }),
        pt({ a: '1' }),
        pt({ a: '1', b: 'x' }, 'y'),
        pt({ a: '1b', b: 'x' }),
        pt({ a: true }),
        pt({ a: 'true' }),
        pt({}),
      ],
      bounds,
    );
    expect(errors).toEqual([]);
    const keys = points.map((p) => p.seriesKey);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[6]).toBe(keys[5]);
    expect(new Set([keys[0], keys[2], keys[3], keys[4], keys[5], keys[7]]).size).toBe(6);
    expect(points[7].dimensions).toEqual({});
    expect(points[1].dimensions).toEqual({ a: '1', b: 'x' });
  });

  it('lists every bad item with index, path and what was expected', () => {
    const { points, errors } = normalizePoints(
      [
        { modelName: 'm', metricName: 'x', value: 1 },
        { modelName: 'm', metricName: 'x', value: Infinity },
        { modelName: 'm', metricName: 'x', value: 1, timestamp: '1970-01-01T00:00:00Z' },
        { modelName: 'm', metricName: 'x', value: 1, nested: { a: 1 } as unknown as string },
      ],
      bounds,
    );
    expect(points).toHaveLength(1);
    expect(errors.map((e) => [e.index, e.path])).toEqual([
      [1, '/points/1/value'],
      [2, '/points/2/timestamp'],
      [3, '/points/3/nested'],
    ]);
    expect(errors[1].message).toMatch(/between 1990-01-01/);
  });

  it('rejects timestamps too far in the future and fractional epoch ms', () => {
    expect(parseTimestamp(bounds.nowMs + 2 * 86400000, bounds)).toHaveProperty('error');
    expect(parseTimestamp(1.5, bounds)).toHaveProperty('error');
    expect(parseTimestamp('2026-05-01T10:00:00+02:00', bounds)).toEqual({
      ms: Date.parse('2026-05-01T08:00:00Z'),
    });
  });

  it('keeps the last of duplicate points in one batch', () => {
    const { points } = normalizePoints(
      [
        { modelName: 'm', metricName: 'x', value: 1, timestamp: 1700000000000 },
        { modelName: 'm', metricName: 'x', value: 2, timestamp: 1700000000000 },
      ],
      bounds,
    );
    expect(dedupeLastWins(points).map((p) => p.value)).toEqual([2]);
  });
});

describe('timeRanges', () => {
  it('splits at gaps longer than the limit', () => {
    expect(timeRanges([0, 10, 20, 1000, 1010], 100)).toEqual([
      [0, 20],
      [1000, 1010],
    ]);
    expect(timeRanges([], 100)).toEqual([]);
  });
});
