import type { Briefing, LearningList, RecommendationList } from '@kpilens/contract';
import { FieldType } from '@grafana/data';
import { briefingFrame } from './briefing';
import { learningsFrame } from './learnings';
import { recommendationsFrame } from './recommendations';

describe('recommendationsFrame', () => {
  it('lists recommendations with their status, impact, audit and times', () => {
    const list: RecommendationList = {
      total: 1,
      limit: 100,
      offset: 0,
      recommendations: [
        {
          id: 9,
          model: 'marketing',
          kind: 'move_budget',
          target: 'platform=tiktok',
          action: 'Move 10% of the budget to TikTok',
          rationale: 'CPC 30% lower',
          expectedImpact: '+12 conversions a day',
          priority: 'high',
          score: 0.9,
          status: 'snoozed',
          auditScore: 90,
          findings: [{ rule: 'evidence_age', level: 'warning', message: 'old' }],
          insightIds: [1, 2],
          createdAt: '2026-03-01T00:00:00.000Z',
          updatedAt: '2026-03-01T00:00:00.000Z',
          statusChangedBy: 'admin',
          statusChangedAt: '2026-03-02T00:00:00.000Z',
          dismissReason: null,
          snoozedUntil: '2026-03-09T00:00:00.000Z',
        },
      ],
    };
    const frame = recommendationsFrame(list, 'R');
    const field = (name: string) => frame.fields.find((f) => f.name === name)!;
    expect(field('id').values).toEqual([9]);
    expect(field('status').values).toEqual(['snoozed']);
    expect(field('snoozedUntil').type).toBe(FieldType.time);
    expect(field('snoozedUntil').values).toEqual([Date.parse('2026-03-09T00:00:00Z')]);
    expect(field('dismissReason').values).toEqual([null]);
    expect(field('findings').values[0]).toHaveLength(1);
    expect(field('expectedImpact').config.displayName).toBe('Expected impact');
  });
});

describe('learningsFrame', () => {
  const ref = (model: string, metric: string) => ({ id: 1, model, metric, dimensions: {} });
  const list: LearningList = {
    learnings: [
      {
        id: 1,
        leader: ref('marketing', 'ctr'),
        follower: ref('revenue', 'revenue'),
        lagDays: 3,
        correlation: 0.71,
        pValue: 0.001,
        n: 90,
        discoveredAt: '2026-02-01T00:00:00.000Z',
        lastConfirmedAt: '2026-03-01T00:00:00.000Z',
      },
      {
        ...{ id: 2, leader: ref('onboarding', 'signups'), follower: ref('onboarding', 'x') },
        lagDays: 1,
        correlation: -0.5,
        pValue: 0.01,
        n: 60,
        discoveredAt: '2026-02-01T00:00:00.000Z',
        lastConfirmedAt: '2026-03-01T00:00:00.000Z',
      },
    ],
  };
  it('names leader and follower and keeps the learnings of a model', () => {
    const frame = learningsFrame(list, 'L');
    expect(frame.fields.find((f) => f.name === 'leader')!.values).toEqual([
      'marketing: ctr',
      'onboarding: signups',
    ]);
    expect(frame.fields.find((f) => f.name === 'lagDays')!.config.unit).toBe('d');
    expect(learningsFrame(list, 'L', 'revenue').length).toBe(1);
    expect(learningsFrame(list, 'L').meta?.notices).toBeUndefined();
    expect(learningsFrame({ ...list, truncated: true }, 'L').meta?.notices?.[0].text).toBe(
      'The 2 strongest learnings are shown',
    );
  });
});

describe('briefingFrame', () => {
  it('holds the text in one row and the whole briefing in meta', () => {
    const briefing: Briefing = {
      weekStart: '2026-02-23T00:00:00.000Z',
      weekEnd: '2026-03-02T00:00:00.000Z',
      language: 'fr',
      text: '# Semaine\nTout va bien.',
      keyNumbers: [{ label: 'Revenu', value: 1200, unit: 'EUR', change: -0.1 }],
      topChanges: [],
      risks: [],
      actions: [],
    };
    const frame = briefingFrame(briefing, 'B');
    expect(frame.length).toBe(1);
    expect(frame.fields.find((f) => f.name === 'text')!.values).toEqual(['# Semaine\nTout va bien.']);
    expect(frame.meta?.custom?.briefing).toBe(briefing);
  });
});
