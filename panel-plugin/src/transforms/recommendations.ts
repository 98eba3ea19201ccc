import {
  Priorities,
  RecommendationStatuses,
  type AuditFinding,
  type Priority,
  type RecommendationStatus,
} from '@kpilens/contract';
import type { DataFrame } from '@grafana/data';
import { frameReader, framesOf, num, str, time } from './fields';

/** One recommendation card (from the datasource's `recommendations` frame). */
export interface RecommendationView {
  id: number;
  priority: Priority;
  status: RecommendationStatus;
  model: string;
  kind: string;
  target: string;
  action: string;
  rationale: string;
  expectedImpact: string;
  score: number | null;
  auditScore: number | null;
  findings: AuditFinding[];
  createdAt: number | null;
  dismissReason: string;
  snoozedUntil: number | null;
}

export interface RecommendationFilter {
  statuses: RecommendationStatus[];
  search: string;
}

const oneOf =
  <T extends string>(values: readonly T[], fallback: T) =>
  (v: unknown): T =>
    values.includes(v as T) ? (v as T) : fallback;
const asPriority = oneOf(Priorities, 'low');
const asStatus = oneOf(RecommendationStatuses, 'pending');

function asFindings(v: unknown): AuditFinding[] {
  const list =
    typeof v === 'string'
      ? (() => {
          try {
            return JSON.parse(v);
          } catch {
            return [];
          }
        })()
      : v;
  return Array.isArray(list) ? list.filter((f) => typeof f === 'object' && f !== null && 'message' in f) : [];
}

export function recommendationsFromFrames(frames: DataFrame[]): RecommendationView[] {
  return framesOf(frames, 'recommendations', ['id', 'action', 'rationale']).flatMap((frame) => {
    const r = frameReader(frame);
    return Array.from({ length: r.length }, (_, i) => ({
      id: num(r.value('id', i)) ?? i,
      priority: asPriority(r.value('priority', i)),
      status: asStatus(r.value('status', i)),
      model: str(r.value('model', i)),
      kind: str(r.value('kind', i)),
      target: str(r.value('target', i)),
      action: str(r.value('action', i)),
      rationale: str(r.value('rationale', i)),
      expectedImpact: str(r.value('expectedImpact', i)),
      score: num(r.value('score', i)),
      auditScore: num(r.value('auditScore', i)),
      findings: asFindings(r.value('findings', i)),
      createdAt: time(r.value('createdAt', i)),
      dismissReason: str(r.value('dismissReason', i)),
      snoozedUntil: time(r.value('snoozedUntil', i)),
    }));
  });
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

/** High priority first, then by score; filtered by status and text. Never changes its input. */
export function selectRecommendations(
  rows: RecommendationView[],
  filter: RecommendationFilter,
): RecommendationView[] {
  const needle = filter.search.trim().toLowerCase();
  return rows
    .filter(
      (r) =>
        (filter.statuses.length === 0 || filter.statuses.includes(r.status)) &&
        (needle === '' ||
          [r.action, r.rationale, r.target, r.model, r.kind].some((t) => t.toLowerCase().includes(needle))),
    )
    .sort(
      (a, b) =>
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        (b.score ?? 0) - (a.score ?? 0) ||
        a.id - b.id,
    );
}

const CSV_COLUMNS: Array<[string, (r: RecommendationView) => string | number | null]> = [
  ['id', (r) => r.id],
  ['priority', (r) => r.priority],
  ['status', (r) => r.status],
  ['model', (r) => r.model],
  ['kind', (r) => r.kind],
  ['target', (r) => r.target],
  ['action', (r) => r.action],
  ['rationale', (r) => r.rationale],
  ['expected_impact', (r) => r.expectedImpact],
  ['audit_score', (r) => r.auditScore],
  ['created_at', (r) => (r.createdAt === null ? null : new Date(r.createdAt).toISOString())],
  ['dismiss_reason', (r) => r.dismissReason],
  ['snoozed_until', (r) => (r.snoozedUntil === null ? null : new Date(r.snoozedUntil).toISOString())],
];

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // RFC 4180 quoting; a leading =, +, -, @, tab or CR is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The inbox as CSV (RFC 4180, CRLF line ends), one row per recommendation. */
export function recommendationsCsv(rows: RecommendationView[]): string {
  const lines = [
    CSV_COLUMNS.map(([name]) => name),
    ...rows.map((r) => CSV_COLUMNS.map(([, get]) => csvCell(get(r)))),
  ];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}
