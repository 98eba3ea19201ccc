import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import {
  DESCRIBED_FEATURES,
  assessRisk,
  confidence,
  describeFeature,
  expectedPaymentDate,
  riskStyle,
} from './risk';

function vector(values: Record<string, number>): number[] {
  return FEATURE_NAMES.map((n) => values[n] ?? 0);
}

describe('risk levels', () => {
  it.each([
    [0.95, 'EXCELLENT', '🟢'],
    [0.9, 'EXCELLENT', '🟢'],
    [0.85, 'GOOD', '🟡'],
    [0.7, 'MEDIUM', '🟠'],
    [0.5, 'RISKY', '🔴'],
    [0.1, 'CRITICAL', '⚫'],
  ])('p=%f is %s %s', (p, level, badge) => {
    const s = riskStyle(p, 3);
    expect([s.level, s.badge]).toEqual([level, badge]);
    expect(s.color).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('is UNKNOWN when history is too short or the probability is missing', () => {
    expect(riskStyle(0.99, 1).level).toBe('UNKNOWN');
    expect(riskStyle(0.99, NaN).level).toBe('UNKNOWN');
    expect(riskStyle(NaN, 3).level).toBe('UNKNOWN');
  });
});

describe('confidence and expected payment date', () => {
  it('grows with history and decisiveness', () => {
    expect(confidence(0.5, 3)).toBe(0.5);
    expect(confidence(1, 3)).toBe(1);
    expect(confidence(0.1, 3)).toBe(0.9);
    expect(confidence(1, 1)).toBe(0.33);
  });

  it('delays the due date by the expected lateness', () => {
    const due = new Date('2024-05-31T00:00:00Z');
    expect(expectedPaymentDate(due, 1, 40)).toEqual(due);
    expect(expectedPaymentDate(due, 0.5, 40)).toEqual(new Date('2024-06-20T00:00:00Z'));
    expect(expectedPaymentDate(due, 0.5, 0)).toEqual(new Date('2024-06-15T00:00:00Z'));
  });
});

describe('factor messages', () => {
  it('describes every feature of the builder', () => {
    expect(DESCRIBED_FEATURES).toHaveLength(FEATURE_COUNT);
  });

  it('reads like a sentence, missing values included', () => {
    expect(describeFeature('max_days_late_60d', 46)).toBe('longest delay in the last 60 days: 46 days');
    expect(describeFeature('on_time_ratio_90d', 1 / 3)).toBe(
      '33% of invoices due in the last 90 days paid on time',
    );
    expect(describeFeature('days_since_last_payment', NaN)).toBe('no payment in the last 90 days');
    expect(describeFeature('avg_days_late_30d', NaN)).toBe('avg days late 30d: no data');
    expect(() => describeFeature('age', 40)).toThrow(/no description/);
  });

  it('assembles an assessment with direction and messages', () => {
    const x = vector({
      invoices_due_90d: 3,
      max_days_late_90d: 31,
      days_overdue_now: 31,
      credit_limit: 20000,
    });
    const a = assessRisk(
      x,
      0.3,
      [
        { feature: 'days_overdue_now', index: FEATURE_NAMES.indexOf('days_overdue_now'), value: -0.8 },
        { feature: 'credit_limit', index: FEATURE_NAMES.indexOf('credit_limit'), value: 0.1 },
      ],
      new Date('2005-10-31T00:00:00Z'),
    );
    expect(a.level).toBe('CRITICAL');
    expect(a.confidence).toBe(0.7);
    expect(a.expectedPaymentDate).toEqual(new Date('2005-11-22T00:00:00Z'));
    expect(a.factors.map((f) => [f.direction, f.message])).toEqual([
      ['lowers', 'Oldest unpaid invoice 31 days overdue: lowers the chance of paying on time'],
      ['raises', 'Credit limit 20,000: raises the chance of paying on time'],
    ]);
    const unknown = assessRisk(vector({ invoices_due_90d: 1 }), 0.95, [], new Date());
    expect([unknown.level, unknown.confidence, unknown.expectedPaymentDate]).toEqual([
      'UNKNOWN',
      0,
      undefined,
    ]);
  });
});
