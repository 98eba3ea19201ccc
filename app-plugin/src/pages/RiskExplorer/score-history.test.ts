import type { ScorePoint } from '@kpilens/contract';
import { historyChart } from './score-history';

const score = (at: string, probability: number | null, color = 'green'): ScorePoint => ({
  modelVersion: 'credit-default/v1',
  scoredAt: at,
  probability,
  level: 'GOOD',
  badge: '🟢',
  color,
  confidence: 0.9,
  expectedPaymentDate: null,
});

describe('historyChart', () => {
  it('places scores by time and probability, leaving out those without a probability', () => {
    const chart = historyChart(
      [
        score('2026-01-03T00:00:00Z', 0.25, 'red'),
        score('2026-01-01T00:00:00Z', 1),
        score('2026-01-02T00:00:00Z', null),
        score('2026-01-02T00:00:00Z', 0.5),
      ],
      200,
      100,
    );
    expect(chart.points.map((p) => [p.x, p.y, p.color])).toEqual([
      [0, 0, 'green'],
      [100, 50, 'green'],
      [200, 75, 'red'],
    ]);
    expect(chart.line).toBe('0,0 100,50 200,75');
    expect(chart.from).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(chart.to).toBe(Date.parse('2026-01-03T00:00:00Z'));
  });

  it('puts a single score in the middle and draws nothing without scores', () => {
    const [only] = historyChart([score('2026-01-01T00:00:00Z', 0.8)], 200, 100).points;
    expect(only.x).toBe(100);
    expect(only.y).toBeCloseTo(20, 10);
    expect(historyChart([score('2026-01-01T00:00:00Z', null)], 200, 100)).toEqual({
      points: [],
      line: '',
      from: null,
      to: null,
    });
  });
});
