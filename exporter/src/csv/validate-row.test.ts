import { validateRow } from './validate-row';

const bounds = {
  nowMs: Date.parse('2026-06-01T00:00:00Z'),
  minMs: Date.parse('1990-01-01T00:00:00Z'),
  maxFutureSkewMs: 86400000,
};
const points = ['timestamp', 'modelName', 'metricName', 'value', 'platform'];
const events = [
  'type',
  'id',
  'timestamp',
  'impressions',
  'clicks',
  'conversions',
  'cost',
  'platform',
  'campaignId',
  'userId',
  'source',
];

describe('validateRow', () => {
  it('turns a good points row into a stored point', () => {
    const v = validateRow(
      'points',
      points,
      ['2026-05-01T10:00:00Z', 'marketing', 'ctr', '2.5', 'instagram'],
      bounds,
    );
    expect(v).toMatchObject({
      point: {
        model: 'marketing',
        metric: 'ctr',
        value: 2.5,
        ts: Date.parse('2026-05-01T10:00:00Z'),
        dimensions: { platform: 'instagram' },
      },
    });
  });

  it.each([
    [['2026-05-01T10:00:00Z', 'marketing', 'ctr', 'high', 'x'], /value: must be number/],
    [['2026-05-01T10:00:00Z', 'Marketing!', 'ctr', '1', 'x'], /modelName: must match pattern/],
    [['1970-01-01T00:00:00Z', 'marketing', 'ctr', '1', 'x'], /timestamp: expected a time between/],
    [['yesterday', 'marketing', 'ctr', '1', 'x'], /timestamp/],
    [['2026-05-01T10:00:00Z', 'marketing', 'ctr', '1'], /expected 5 columns as in the header, got 4/],
  ])('gives the reason a points row %j is refused', (cells, reason) => {
    const v = validateRow('points', points, cells, bounds);
    expect('reason' in v && v.reason).toMatch(reason);
  });

  it('turns a good events row into a stored event', () => {
    const v = validateRow(
      'events',
      events,
      [
        'content_performance',
        'c1',
        '2026-05-01T10:00:00Z',
        '1000',
        '20',
        '2',
        '9.5',
        'instagram',
        'camp',
        '',
        '',
      ],
      bounds,
    );
    expect(v).toEqual({
      event: {
        type: 'content_performance',
        id: 'c1',
        ts: Date.parse('2026-05-01T10:00:00Z'),
        payload: {
          impressions: 1000,
          clicks: 20,
          conversions: 2,
          cost: 9.5,
          platform: 'instagram',
          campaignId: 'camp',
        },
      },
    });
  });

  it('lists every problem of an events row, including cells of another type', () => {
    const v = validateRow(
      'events',
      events,
      [
        'content_performance',
        'c1',
        '2026-05-01T10:00:00Z',
        '1000',
        '2.5',
        '',
        '-1',
        'instagram',
        'camp',
        'u1',
        '',
      ],
      bounds,
    );
    expect('reason' in v && v.reason.split('; ').sort()).toEqual(
      [
        'clicks: must be integer',
        'conversions: is required',
        'cost: must be >= 0',
        'userId: is not a known field',
      ].sort(),
    );
  });
});
