import { RiskLevels, type RiskFactor, type RiskLevel } from '@kpilens/contract';
import type { DataFrame } from '@grafana/data';
import { frameReader, framesOf, num, str, time } from './fields';

/** One scored account as the risk board shows it (from the datasource's `risk scores` frame). */
export interface RiskView {
  accountId: string;
  accountName: string;
  /** Probability of paying the next invoice on time; null when the model could not score. */
  probability: number | null;
  level: RiskLevel;
  badge: string;
  color: string;
  expectedPaymentDate: number | null;
  confidence: number | null;
  factors: RiskFactor[];
  scoredAt: number | null;
  modelVersion: string;
}

export type RiskSort = 'risk' | 'expectedPayment' | 'name';

export interface RiskFilter {
  levels: RiskLevel[];
  search: string;
  sortBy: RiskSort;
  limit: number;
}

const asLevel = (v: unknown): RiskLevel =>
  (RiskLevels as readonly string[]).includes(v as string) ? (v as RiskLevel) : 'UNKNOWN';

function asFactors(v: unknown): RiskFactor[] {
  const list = typeof v === 'string' ? safeJson(v) : v;
  return Array.isArray(list)
    ? list.filter((f): f is RiskFactor => typeof f === 'object' && f !== null && 'feature' in f).slice(0, 3)
    : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function riskFromFrames(frames: DataFrame[]): RiskView[] {
  return framesOf(frames, 'risk scores', ['accountId', 'level', 'probability']).flatMap((frame) => {
    const r = frameReader(frame);
    return Array.from({ length: r.length }, (_, i) => ({
      accountId: str(r.value('accountId', i)),
      accountName: str(r.value('accountName', i)),
      probability: num(r.value('probability', i)),
      level: asLevel(r.value('level', i)),
      badge: str(r.value('badge', i)),
      color: str(r.value('color', i)),
      expectedPaymentDate: time(r.value('expectedPaymentDate', i)),
      confidence: num(r.value('confidence', i)),
      factors: asFactors(r.value('factors', i)),
      scoredAt: time(r.value('scoredAt', i)),
      modelVersion: str(r.value('modelVersion', i)),
    }));
  });
}

const LEVEL_RANK = Object.fromEntries(RiskLevels.map((l, i) => [l, i])) as Record<RiskLevel, number>;

/** Filters and orders the board (riskiest first by default); never changes its input. */
export function selectRisk(rows: RiskView[], filter: RiskFilter): RiskView[] {
  const needle = filter.search.trim().toLowerCase();
  const kept = rows.filter(
    (r) =>
      (filter.levels.length === 0 || filter.levels.includes(r.level)) &&
      (needle === '' ||
        r.accountId.toLowerCase().includes(needle) ||
        r.accountName.toLowerCase().includes(needle)),
  );
  const byName = (a: RiskView, b: RiskView) =>
    (a.accountName || a.accountId).localeCompare(b.accountName || b.accountId);
  const sorts: Record<RiskSort, (a: RiskView, b: RiskView) => number> = {
    // Unscored accounts (probability null) after the scored ones, then by level.
    risk: (a, b) =>
      (a.probability ?? 2) - (b.probability ?? 2) ||
      LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
      byName(a, b),
    expectedPayment: (a, b) =>
      (b.expectedPaymentDate ?? -Infinity) - (a.expectedPaymentDate ?? -Infinity) || byName(a, b),
    name: byName,
  };
  kept.sort(sorts[filter.sortBy]);
  return kept.slice(0, Math.max(1, filter.limit));
}

/** Bar widths of an account's factors, 0..1 of the largest contribution on the board. */
export function factorScale(rows: RiskView[]): number {
  const largest = Math.max(0, ...rows.flatMap((r) => r.factors.map((f) => Math.abs(f.contribution))));
  return largest > 0 ? largest : 1;
}
