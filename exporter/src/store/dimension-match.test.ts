import { dimensionMatchSql } from './dimension-match';

describe('dimensionMatchSql', () => {
  it('matches given values by containment and empty values by absence, numbering placeholders on', () => {
    const params: unknown[] = [1, 'revenue'];
    expect(dimensionMatchSql({ currency: 'EUR', plan: '', method: '' }, params, 's.dimensions')).toBe(
      ' AND s.dimensions @> $3::jsonb AND NOT (s.dimensions ?| $4::text[])',
    );
    expect(params.slice(2)).toEqual(['{"currency":"EUR"}', ['plan', 'method']]);
  });

  it('adds nothing without filters', () => {
    const params: unknown[] = [];
    expect(dimensionMatchSql({}, params)).toBe('');
    expect(dimensionMatchSql(undefined, params)).toBe('');
    expect(params).toEqual([]);
  });

  it('handles a filter of absent dimensions only', () => {
    const params: unknown[] = [7];
    expect(dimensionMatchSql({ campaignId: '' }, params)).toBe(' AND NOT (dimensions ?| $2::text[])');
    expect(params).toEqual([7, ['campaignId']]);
  });
});
