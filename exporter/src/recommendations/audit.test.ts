import { findModel } from '../models/definitions';
import {
  auditRecommendation,
  auditScore,
  type AuditContext,
  type EvidenceInsight,
  type KnownRecommendation,
} from './audit';
import { generateRecommendations, type RecommendationDraft } from './generate';
import { insight } from './test-insights';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-03-02T13:00:00Z');

const ins = insight({
  metric: 'cpl',
  dimensions: { platform: 'meta' },
  direction: 'up',
  observed: 45,
  expected: 30,
});
const draft: RecommendationDraft = generateRecommendations({
  model: findModel('marketing')!,
  insights: [ins],
  peers: [{ metric: 'cpl', dimensions: { platform: 'google' }, value: 20 }],
})[0];

const evidence = (over: Partial<EvidenceInsight> = {}): Map<number, EvidenceInsight> =>
  new Map([
    [
      ins.id,
      {
        id: ins.id,
        resolved: false,
        score: 0.95,
        startedAtMs: NOW - 8 * HOUR,
        lastSeenAtMs: NOW - HOUR,
        lastPointMs: NOW - HOUR,
        ...over,
      },
    ],
  ]);
const other = (over: Partial<KnownRecommendation>): KnownRecommendation => ({
  id: 7,
  kind: 'move_budget',
  target: 'platform=meta',
  relatedTargets: ['platform=google'],
  status: 'pending',
  createdAtMs: NOW - 10 * DAY,
  statusChangedAtMs: null,
  ...over,
});
const ctx = (over: Partial<AuditContext> = {}): AuditContext => ({
  nowMs: NOW,
  others: [],
  insights: evidence(),
  ...over,
});
const rules = (c: AuditContext) => auditRecommendation(draft, c).findings.map((f) => `${f.rule}:${f.level}`);

describe('auditRecommendation', () => {
  it('passes a recommendation with fresh, strong evidence and nothing against it', () => {
    expect(auditRecommendation(draft, ctx())).toEqual({ auditScore: 100, findings: [], visible: true });
  });

  it('scores 100 - 40 per error - 10 per warning', () => {
    const f = (level: 'error' | 'warning') => ({ rule: 'r', level, message: '' });
    expect(auditScore([f('error'), f('warning'), f('warning')])).toBe(40);
    expect(auditScore([f('warning'), f('warning'), f('warning')])).toBe(70);
  });

  it('finds a recent duplicate: the same kind and target dismissed or done within a week', () => {
    const dismissed = other({ status: 'dismissed', statusChangedAtMs: NOW - 2 * DAY });
    const r = auditRecommendation(draft, ctx({ others: [dismissed] }));
    expect(r.visible).toBe(false);
    expect(r.auditScore).toBe(60);
    expect(r.findings[0]).toEqual({
      rule: 'recent_duplicate',
      level: 'error',
      message: 'the same recommendation (#7, move_budget on platform=meta) was dismissed 2 days ago',
    });
    expect(
      rules(ctx({ others: [other({ status: 'dismissed', statusChangedAtMs: NOW - 8 * DAY })] })),
    ).toEqual([]);
  });

  it('keeps silent after a recent action on the same target, whatever its kind', () => {
    const acted = other({
      id: 9,
      kind: 'investigate_kpi',
      target: 'platform=meta',
      status: 'accepted',
      statusChangedAtMs: NOW - DAY,
    });
    expect(rules(ctx({ others: [acted] }))).toEqual(['silence_window:error']);
    // the destination of an accepted budget move is acted on too
    const toMeta = other({
      id: 10,
      target: 'platform=linkedin',
      relatedTargets: ['platform=meta'],
      status: 'done',
      statusChangedAtMs: NOW - DAY,
    });
    expect(rules(ctx({ others: [toMeta] }))).toEqual(['silence_window:error']);
    expect(rules(ctx({ others: [{ ...acted, statusChangedAtMs: NOW - 4 * DAY }] }))).toEqual([]);
  });

  it('finds a conflict with an open recommendation pulling the other way', () => {
    const increase = other({ id: 11, kind: 'increase_budget', relatedTargets: [] });
    expect(rules(ctx({ others: [increase] }))).toEqual(['conflict_open:error']);
    const reverse = other({ id: 12, target: 'platform=google', relatedTargets: ['platform=meta'] });
    expect(rules(ctx({ others: [reverse] }))).toEqual(['conflict_open:error']);
    // the same row (it is being updated) is no conflict, nor a closed opposite
    expect(rules(ctx({ others: [increase], selfId: 11 }))).toEqual([]);
    expect(
      rules(ctx({ others: [{ ...increase, status: 'done', statusChangedAtMs: NOW - 10 * DAY }] })),
    ).toEqual([]);
  });

  it('finds missing data behind the evidence: a vanished insight, or a series without recent points', () => {
    expect(rules(ctx({ insights: new Map() }))).toEqual(['missing_data:error']);
    expect(rules(ctx({ insights: evidence({ lastPointMs: NOW - 7 * HOUR }) }))).toEqual([
      'missing_data:error',
    ]);
    expect(rules(ctx({ insights: evidence({ lastPointMs: null }) }))).toEqual(['missing_data:error']);
  });

  it('warns on weak, short or ended evidence; three warnings hide it', () => {
    const r = auditRecommendation(
      draft,
      ctx({
        insights: evidence({
          score: 0.6,
          startedAtMs: NOW - 2 * HOUR,
          lastSeenAtMs: NOW - HOUR,
          resolved: true,
        }),
      }),
    );
    expect(r.findings.map((f) => f.rule)).toEqual(['evidence_resolved', 'weak_evidence', 'short_condition']);
    expect(r).toMatchObject({ auditScore: 70, visible: false });
    const two = auditRecommendation(draft, ctx({ insights: evidence({ score: 0.6, resolved: true }) }));
    expect(two).toMatchObject({ auditScore: 80, visible: true });
  });
});
