import type { Briefing, Insight, Recommendation } from '@kpilens/contract';
import type { AccountRow } from './frames';

// Example exporter answers for component tests (the dist tests use a real exporter).

export const INSIGHTS: Insight[] = [
  {
    id: 1,
    model: 'marketing',
    type: 'anomaly',
    severity: 'critical',
    status: 'open',
    title: 'CTR on tiktok fell',
    message: 'CTR is 38% below what the last weeks predict.',
    evidence: {
      direction: 'down',
      score: 0.97,
      observed: 0.0124,
      expected: 0.02,
      lower: 0.017,
      upper: 0.023,
      deviation: -4.2,
      peakAt: '2026-11-20T10:00:00Z',
    },
    series: { id: 11, metric: 'ctr', dimensions: { platform: 'tiktok' } },
    startedAt: '2026-11-20T08:00:00Z',
    lastSeenAt: '2026-11-21T11:00:00Z',
    resolvedAt: null,
  },
  {
    id: 2,
    model: 'revenue',
    type: 'anomaly',
    severity: 'warning',
    status: 'updated',
    title: 'Card payment failures rising',
    message: 'Failure rate of card payments doubled since Tuesday.',
    evidence: {
      direction: 'up',
      score: 0.88,
      observed: 0.041,
      expected: 0.02,
      lower: 0.015,
      upper: 0.025,
      deviation: 3.1,
      peakAt: '2026-11-19T15:00:00Z',
    },
    series: { id: 12, metric: 'payment_failure_rate', dimensions: { method: 'card' } },
    startedAt: '2026-11-18T09:00:00Z',
    lastSeenAt: '2026-11-21T10:00:00Z',
    resolvedAt: null,
  },
];

const factor = (feature: string, contribution: number, message: string) => ({
  feature,
  value: 1,
  contribution,
  direction: contribution < 0 ? ('lowers' as const) : ('raises' as const),
  message,
});

export const SCORES: AccountRow[] = [
  {
    accountId: 'acme',
    accountName: 'Acme Corp',
    modelVersion: '2026-11-01',
    scoredAt: '2026-11-21T06:00:00Z',
    probability: 0.31,
    level: 'CRITICAL',
    badge: '🔴',
    color: '#F2495C',
    confidence: 0.82,
    expectedPaymentDate: '2026-12-14T00:00:00Z',
    factors: [
      factor('late_ratio_6m', -1.4, '5 of the last 6 invoices paid late'),
      factor('days_late_avg', -0.8, '18 days late on average'),
      factor('tenure_days', 0.3, 'Customer for 4 years'),
    ],
  },
  {
    accountId: 'globex',
    accountName: 'Globex',
    modelVersion: '2026-11-01',
    scoredAt: '2026-11-21T06:00:00Z',
    probability: 0.94,
    level: 'EXCELLENT',
    badge: '🟢',
    color: '#73BF69',
    confidence: 0.9,
    expectedPaymentDate: '2026-11-28T00:00:00Z',
    factors: [factor('late_ratio_6m', 0.9, 'Every invoice paid on time')],
  },
];

const rec = (id: number, over: Partial<Recommendation>): Recommendation => ({
  id,
  model: 'marketing',
  kind: 'move_budget',
  target: 'platform=tiktok',
  action: 'Move 20% of the tiktok budget to instagram',
  rationale: 'CTR on tiktok fell 38% while instagram held steady.',
  expectedImpact: '+4% conversions next week',
  priority: 'high',
  score: 0.9,
  status: 'pending',
  auditScore: 90,
  findings: [],
  insightIds: [1],
  createdAt: '2026-11-21T07:00:00Z',
  updatedAt: '2026-11-21T07:00:00Z',
  statusChangedBy: null,
  statusChangedAt: null,
  dismissReason: null,
  snoozedUntil: null,
  ...over,
});

export const RECOMMENDATIONS: Recommendation[] = [
  rec(1, {}),
  rec(2, {
    model: 'revenue',
    kind: 'investigate_payment_method',
    target: 'method=card',
    action: 'Check the card payment provider',
    rationale: 'Card failures doubled since Tuesday.',
    expectedImpact: 'Recover about 2% of revenue',
    priority: 'medium',
    auditScore: 80,
    findings: [{ rule: 'impact_range', level: 'warning', message: 'Impact estimated from 3 days only' }],
  }),
];

export const BRIEFING: Briefing = {
  weekStart: '2026-11-09T00:00:00Z',
  weekEnd: '2026-11-16T00:00:00Z',
  language: 'en',
  text: 'Revenue **fell 12%** on the week, mostly from card payment failures.\n\nMarketing held steady apart from tiktok.',
  keyNumbers: [
    { label: 'Revenue', value: 182000, unit: 'currencyEUR', change: -0.12 },
    { label: 'Open insights', value: 7, change: 0.4 },
  ],
  topChanges: ['Card payment failures doubled'],
  risks: ['2 accounts critical'],
  actions: ['Check the card payment provider'],
};
