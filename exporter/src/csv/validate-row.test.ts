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

describe('validateRow for the payment-risk ledger', () => {
  it('turns account, invoice and payment rows into what the batch API stores', () => {
    expect(
      validateRow(
        'accounts',
        ['id', 'openedAt', 'name', 'creditLimit'],
        ['a1', '2025-01-01T00:00:00Z', 'Acme', '5000'],
        bounds,
      ),
    ).toEqual({
      ledger: { id: 'a1', name: 'Acme', openedAt: Date.parse('2025-01-01T00:00:00Z'), creditLimit: 5000 },
    });
    expect(
      validateRow(
        'invoices',
        ['id', 'accountId', 'amount', 'issuedAt', 'dueAt', 'minimumDue'],
        ['i1', 'a1', '120.5', '2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z', ''],
        bounds,
      ),
    ).toEqual({
      ledger: {
        id: 'i1',
        accountId: 'a1',
        amount: 120.5,
        issuedAt: Date.parse('2026-01-01T00:00:00Z'),
        dueAt: Date.parse('2026-01-31T00:00:00Z'),
        minimumDue: null,
      },
    });
    expect(
      validateRow(
        'payments',
        ['id', 'accountId', 'amount', 'paidAt'],
        ['p1', 'a1', '10', '2026-01-20T00:00:00+02:00'],
        bounds,
      ),
    ).toEqual({
      ledger: {
        id: 'p1',
        accountId: 'a1',
        invoiceId: null,
        amount: 10,
        paidAt: Date.parse('2026-01-19T22:00:00Z'),
      },
    });
  });

  it.each([
    [
      'accounts',
      ['id', 'openedAt'],
      ['a 1', 'soon'],
      ['id: must match pattern "^[^\\s]+$"', 'openedAt: must match format "date-time"'],
    ],
    [
      'accounts',
      ['id', 'openedAt', 'creditLimit'],
      ['a1', '2025-01-01T00:00:00Z', '-3'],
      ['creditLimit: must be >= 0'],
    ],
    [
      'invoices',
      ['id', 'accountId', 'amount', 'issuedAt', 'dueAt'],
      ['i1', 'a1', '12,5', '2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z'],
      ['amount: must be number'],
    ],
    [
      'invoices',
      ['id', 'accountId', 'amount', 'issuedAt', 'dueAt', 'minimumDue'],
      ['i1', 'a1', '10', '2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', '20'],
      ['dueAt: must not be before issuedAt', 'minimumDue: must not exceed amount'],
    ],
    [
      'payments',
      ['id', 'accountId', 'amount', 'paidAt'],
      ['p1', '', '0', '2026-01-01T00:00:00Z'],
      ['accountId: is required', 'amount: must be > 0'],
    ],
  ] as const)('gives every reason a %s row is refused (%j)', (kind, header, cells, reasons) => {
    const v = validateRow(kind, [...header], [...cells], bounds);
    expect('reason' in v && v.reason.split('; ').sort()).toEqual([...reasons].sort());
  });
});
