import type { AuditFinding, RecommendationStatus } from '@kpilens/contract';
import type { RecommendationDraft } from './generate';

// The quality gate a recommendation passes before it is shown or exported (docs/recommendations.md).

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface AuditOptions {
  /** A recommendation of the same kind and target dismissed or done within this window is a duplicate. */
  duplicateWindowMs: number;
  /** After an action on a target (accepted or done), new advice on it waits this long for its effect. */
  silenceWindowMs: number;
  /** Evidence whose series has no point for this long is missing data. */
  staleAfterMs: number;
  /** Evidence weaker than this (anomaly score) is a warning. */
  minEvidenceScore: number;
  /** A condition seen for less than this is a warning: it may still be noise. */
  minConditionMs: number;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
  duplicateWindowMs: 7 * DAY_MS,
  silenceWindowMs: 3 * DAY_MS,
  staleAfterMs: 6 * HOUR_MS,
  minEvidenceScore: 0.8,
  minConditionMs: 3 * HOUR_MS,
};

/** Another recommendation of the organization, as the gate compares with it. */
export interface KnownRecommendation {
  id: number;
  kind: string;
  target: string;
  relatedTargets: string[];
  status: RecommendationStatus;
  createdAtMs: number;
  statusChangedAtMs: number | null;
}

/** What the gate knows of an insight behind the evidence. */
export interface EvidenceInsight {
  id: number;
  resolved: boolean;
  score: number;
  startedAtMs: number;
  lastSeenAtMs: number;
  /** Newest point of the insight's series (null: the series has no data). */
  lastPointMs: number | null;
}

export interface AuditContext {
  nowMs: number;
  /** The stored row this draft would update (excluded from the comparisons), if any. */
  selfId?: number;
  others: KnownRecommendation[];
  insights: Map<number, EvidenceInsight>;
  options?: Partial<AuditOptions>;
}

export interface AuditResult {
  auditScore: number;
  findings: AuditFinding[];
  /** No error and a score of at least 80: shown and exported. */
  visible: boolean;
}

export const MIN_AUDIT_SCORE = 80;

export function auditScore(findings: readonly AuditFinding[]): number {
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.length - errors;
  return 100 - 40 * errors - 10 * warnings;
}

const OPEN: readonly RecommendationStatus[] = ['pending', 'accepted', 'snoozed'];
// Pairs of kinds that pull a target in opposite directions.
const OPPOSED: Record<string, string[]> = {
  move_budget: ['increase_budget'],
  increase_budget: ['move_budget'],
};

const ago = (ms: number) => {
  const h = Math.max(0, Math.round(ms / HOUR_MS));
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
};

/** Runs every rule over one draft; each finding names its rule and says what was found. */
export function auditRecommendation(draft: RecommendationDraft, ctx: AuditContext): AuditResult {
  const o = { ...DEFAULT_AUDIT_OPTIONS, ...ctx.options };
  const findings: AuditFinding[] = [];
  const others = ctx.others.filter((r) => r.id !== ctx.selfId);
  const changedAt = (r: KnownRecommendation) => r.statusChangedAtMs ?? r.createdAtMs;

  const dup = others
    .filter(
      (r) =>
        r.kind === draft.kind &&
        r.target === draft.target &&
        (r.status === 'dismissed' || r.status === 'done') &&
        ctx.nowMs - changedAt(r) < o.duplicateWindowMs,
    )
    .sort((a, b) => changedAt(b) - changedAt(a))[0];
  if (dup)
    findings.push({
      rule: 'recent_duplicate',
      level: 'error',
      message: `the same recommendation (#${dup.id}, ${draft.kind} on ${draft.target}) was ${dup.status} ${ago(ctx.nowMs - changedAt(dup))}`,
    });

  const acted = others
    .filter(
      (r) =>
        (r.target === draft.target || r.relatedTargets.includes(draft.target)) &&
        (r.status === 'accepted' || r.status === 'done') &&
        r.statusChangedAtMs !== null &&
        ctx.nowMs - r.statusChangedAtMs < o.silenceWindowMs,
    )
    .sort((a, b) => changedAt(b) - changedAt(a))[0];
  if (acted)
    findings.push({
      rule: 'silence_window',
      level: 'error',
      message: `an action on ${draft.target} (#${acted.id}, ${acted.kind}) was ${acted.status} ${ago(ctx.nowMs - changedAt(acted))}; its effect is not measurable before ${new Date(changedAt(acted) + o.silenceWindowMs).toISOString()}`,
    });

  const conflict = others.find(
    (r) =>
      OPEN.includes(r.status) &&
      ((r.target === draft.target && (OPPOSED[draft.kind] ?? []).includes(r.kind)) ||
        // moving budget away from where an open recommendation moves it to, or the reverse
        (r.kind === 'move_budget' &&
          draft.kind === 'move_budget' &&
          r.relatedTargets.includes(draft.target) &&
          draft.relatedTargets.includes(r.target))),
  );
  if (conflict)
    findings.push({
      rule: 'conflict_open',
      level: 'error',
      message: `conflicts with open recommendation #${conflict.id} (${conflict.kind} on ${conflict.target}, ${conflict.status})`,
    });

  const evidence = draft.insightIds.map((id) => ({ id, ins: ctx.insights.get(id) }));
  const missing = evidence.filter((e) => !e.ins).map((e) => e.id);
  const numbers = [draft.params.observed, draft.params.expected];
  if (draft.insightIds.length === 0 || missing.length > 0 || numbers.some((x) => !Number.isFinite(x)))
    findings.push({
      rule: 'missing_data',
      level: 'error',
      message:
        draft.insightIds.length === 0
          ? 'no insight behind the evidence'
          : missing.length > 0
            ? `insight(s) ${missing.join(', ')} behind the evidence no longer exist`
            : 'the evidence has no observed or expected value',
    });
  const found = evidence.flatMap((e) => (e.ins ? [e.ins] : []));
  const stale = found.filter((i) => i.lastPointMs === null || ctx.nowMs - i.lastPointMs > o.staleAfterMs);
  if (found.length > 0 && stale.length === found.length)
    findings.push({
      rule: 'missing_data',
      level: 'error',
      message: `the series behind the evidence has no data since ${
        stale.every((i) => i.lastPointMs === null)
          ? 'ever'
          : new Date(Math.max(...stale.map((i) => i.lastPointMs ?? 0))).toISOString()
      } (more than ${Math.round(o.staleAfterMs / HOUR_MS)} h)`,
    });

  if (found.length > 0 && found.every((i) => i.resolved))
    findings.push({
      rule: 'evidence_resolved',
      level: 'warning',
      message: 'every insight behind it is resolved: the condition has ended',
    });
  const strongest = Math.max(0, ...found.map((i) => i.score));
  if (found.length > 0 && strongest < o.minEvidenceScore)
    findings.push({
      rule: 'weak_evidence',
      level: 'warning',
      message: `strongest anomaly score ${strongest.toFixed(2)} is below ${o.minEvidenceScore}`,
    });
  const longest = Math.max(0, ...found.map((i) => i.lastSeenAtMs - i.startedAtMs));
  if (found.length > 0 && longest < o.minConditionMs)
    findings.push({
      rule: 'short_condition',
      level: 'warning',
      message: `the condition has been seen for ${Math.round(longest / 60_000)} min only (less than ${Math.round(o.minConditionMs / HOUR_MS)} h)`,
    });

  const score = auditScore(findings);
  return {
    auditScore: score,
    findings,
    visible: !findings.some((f) => f.level === 'error') && score >= MIN_AUDIT_SCORE,
  };
}
