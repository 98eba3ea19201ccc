import { checkHeader, CsvHeaderError, rowToEvent, rowToLedgerItem, rowToPoint } from './csv-rows';

describe('checkHeader', () => {
  it('accepts the documented headers', () => {
    expect(() =>
      checkHeader('points', ['timestamp', 'modelName', 'metricName', 'value', 'platform']),
    ).not.toThrow();
    expect(() => checkHeader('events', ['type', 'id', 'timestamp', 'amount', 'userId'])).not.toThrow();
  });

  it.each([
    ['points', ['timestamp', 'modelName', 'value'], /missing column\(s\) metricName/],
    ['points', ['timestamp', 'modelName', 'metricName', 'value', 'bad-name'], /bad-name.*must match/],
    ['points', ['timestamp', 'modelName', 'metricName', 'value', 'value'], /twice/],
    ['events', ['type', 'id', 'timestamp', 'ammount'], /"ammount" is not a field of any event type/],
    ['events', ['id', 'timestamp'], /missing column\(s\) type/],
  ] as const)('refuses a bad %s header %j', (kind, header, message) => {
    expect(() => checkHeader(kind, [...header])).toThrow(CsvHeaderError);
    expect(() => checkHeader(kind, [...header])).toThrow(message);
  });
});

describe('rowToPoint', () => {
  const header = ['timestamp', 'modelName', 'metricName', 'value', 'platform', 'campaignId'];
  it('parses the value and an epoch-ms timestamp, and leaves empty dimension cells out', () => {
    expect(rowToPoint(header, ['1767225600000', 'marketing', 'ctr', '2.5', 'instagram', ''])).toEqual({
      value: {
        timestamp: 1767225600000,
        modelName: 'marketing',
        metricName: 'ctr',
        value: 2.5,
        platform: 'instagram',
      },
    });
  });

  it('keeps a non-numeric value as text for the schema check to refuse', () => {
    const r = rowToPoint(header, ['2026-01-01T00:00:00Z', 'm', 'x', '2,5', '', '']);
    expect(r).toEqual({
      value: { timestamp: '2026-01-01T00:00:00Z', modelName: 'm', metricName: 'x', value: '2,5' },
    });
  });

  it('requires a timestamp so that importing twice lands on the same points', () => {
    expect(rowToPoint(header, ['', 'm', 'x', '1', '', ''])).toEqual({
      reason: 'timestamp: is required in a CSV import',
    });
  });
});

describe('rowToEvent', () => {
  const header = [
    'type',
    'id',
    'timestamp',
    'amount',
    'currency',
    'status',
    'method',
    'plan',
    'userId',
    'source',
  ];
  it('parses the numeric fields of the row type only', () => {
    expect(
      rowToEvent(header, [
        'payment',
        'p1',
        '2026-01-01T00:00:00Z',
        '12.50',
        'EUR',
        'succeeded',
        'card',
        'pro',
        '',
        '',
      ]),
    ).toEqual({
      value: {
        type: 'payment',
        id: 'p1',
        timestamp: '2026-01-01T00:00:00Z',
        amount: 12.5,
        currency: 'EUR',
        status: 'succeeded',
        method: 'card',
        plan: 'pro',
      },
    });
    expect(
      rowToEvent(header, ['signup_started', 's1', '1767225600000', '', '', '', '', '', 'u1', '42']),
    ).toEqual({
      value: { type: 'signup_started', id: 's1', timestamp: 1767225600000, userId: 'u1', source: '42' },
    });
  });

  it('names an unknown event type', () => {
    const r = rowToEvent(header, ['refund', 'r1', '1767225600000', '', '', '', '', '', '', '']);
    expect(r).toEqual({
      reason: expect.stringMatching(/^type: expected one of content_performance.*got "refund"/),
    });
  });
});

describe('ledger headers and rows', () => {
  it("accepts the batch items' fields in any order and refuses missing, unknown or repeated columns", () => {
    expect(() => checkHeader('accounts', ['name', 'openedAt', 'id'])).not.toThrow();
    expect(() =>
      checkHeader('invoices', ['id', 'accountId', 'amount', 'issuedAt', 'dueAt', 'minimumDue']),
    ).not.toThrow();
    expect(() => checkHeader('payments', ['id', 'accountId', 'amount'])).toThrow(
      /missing column\(s\) paidAt; a payments CSV has the columns id,accountId,amount,paidAt and optionally invoiceId/,
    );
    expect(() => checkHeader('accounts', ['id', 'openedAt', 'limit'])).toThrow(
      /"limit" is not a field of accounts \(known: id, name, openedAt, creditLimit\)/,
    );
    expect(() => checkHeader('accounts', ['id', 'openedAt', 'id'])).toThrow(/"id" appears twice/);
  });

  it('parses number fields only, and leaves empty cells out', () => {
    expect(
      rowToLedgerItem(
        'invoices',
        ['id', 'accountId', 'amount', 'issuedAt', 'minimumDue'],
        ['7', 'a', '1e3', 'x', ''],
      ),
    ).toEqual({ id: '7', accountId: 'a', amount: 1000, issuedAt: 'x' });
  });
});
