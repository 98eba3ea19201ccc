import type { Insight, Learning } from '@kpilens/contract';

// Hand-made insights and learnings for the tests of the recommendation modules.

let nextId = 1;

export function insight(
  over: Partial<Omit<Insight, 'evidence' | 'series'>> & {
    metric: string;
    dimensions?: Record<string, string>;
    direction: 'up' | 'down';
    observed: number;
    expected: number;
    score?: number;
  },
): Insight {
  const { metric, dimensions, direction, observed, expected, score, ...rest } = over;
  const id = rest.id ?? nextId++;
  return {
    id,
    model: 'marketing',
    type: 'anomaly',
    severity: 'warning',
    status: 'open',
    title: `${metric} ${direction}`,
    message: '',
    evidence: {
      direction,
      score: score ?? 0.95,
      observed,
      expected,
      lower: expected * 0.9,
      upper: expected * 1.1,
      deviation: direction === 'up' ? 4 : -4,
      peakAt: '2026-03-02T10:00:00.000Z',
    },
    series: { id: 100 + id, metric, dimensions: dimensions ?? {} },
    startedAt: '2026-03-02T06:00:00.000Z',
    lastSeenAt: '2026-03-02T12:00:00.000Z',
    resolvedAt: null,
    ...rest,
  };
}

export function learning(over: Partial<Learning> & Pick<Learning, 'leader' | 'follower'>): Learning {
  return {
    id: nextId++,
    lagDays: 3,
    correlation: 0.72,
    pValue: 0.001,
    n: 60,
    discoveredAt: '2026-02-20T00:00:00.000Z',
    lastConfirmedAt: '2026-03-01T00:00:00.000Z',
    ...over,
  };
}
