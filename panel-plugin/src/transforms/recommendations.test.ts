import { recommendationsFrame } from '../test-utils/frames';
import { RECOMMENDATIONS } from '../test-utils/samples';
import { recommendationsCsv, recommendationsFromFrames, selectRecommendations } from './recommendations';

const rows = recommendationsFromFrames([recommendationsFrame(RECOMMENDATIONS)]);

describe('recommendations', () => {
  it('reads the data source frame back into recommendations', () => {
    expect(rows.map((r) => [r.id, r.priority, r.status, r.action])).toEqual([
      [1, 'high', 'pending', RECOMMENDATIONS[0].action],
      [2, 'medium', 'pending', 'Check the card payment provider'],
    ]);
    expect(rows[1].findings).toEqual([
      { rule: 'impact_range', level: 'warning', message: 'Impact estimated from 3 days only' },
    ]);
  });

  it('filters by status and text, high priority first, without changing its input', () => {
    const mixed = [{ ...rows[1], id: 3, status: 'dismissed' as const }, rows[1], rows[0]];
    const before = mixed.map((r) => r.id);
    expect(selectRecommendations(mixed, { statuses: [], search: '' }).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(selectRecommendations(mixed, { statuses: ['pending'], search: 'CARD' }).map((r) => r.id)).toEqual([
      2,
    ]);
    expect(selectRecommendations(mixed, { statuses: ['dismissed'], search: '' }).map((r) => r.id)).toEqual([
      3,
    ]);
    expect(mixed.map((r) => r.id)).toEqual(before);
  });

  it('exports CSV with quoting and without cells a spreadsheet would run as formulas', () => {
    const csv = recommendationsCsv([
      {
        ...rows[1],
        rationale: 'Failures "doubled", since Tuesday\nsee logs',
        dismissReason: '=HYPERLINK("x")',
      },
      { ...rows[0], target: '@SUM(A1)', expectedImpact: '-5% churn', model: '\tcmd' },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,priority,status,model,kind,target,action,rationale,expected_impact,audit_score,created_at,dismiss_reason,snoozed_until',
    );
    expect(csv).toContain('"Failures ""doubled"", since Tuesday\nsee logs"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(",'@SUM(A1),");
    expect(csv).toContain(",'-5% churn,");
    expect(csv).toContain(",'\tcmd,");
    expect(csv.endsWith('\r\n')).toBe(true);
    // header, two rows (one with a quoted line break), final CRLF
    expect(lines).toHaveLength(4);
  });
});
