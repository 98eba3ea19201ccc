import type { Briefing, Language } from '@kpilens/contract';
import { riskSummary } from '../accounts/risk-summary';
import type { Queryable } from '../db/db';
import type { ModelCatalog } from '../models/catalog';
import { listInsights } from '../models/insights-store';
import type { NarrativeWriter } from '../narratives/llm';
import { listRecommendations } from '../recommendations/store';
import { assembleBriefing, type BriefingInsight, type KeyNumberInput } from './assemble';

const WEEK_MS = 7 * 86_400_000;
const AT_RISK = ['RISKY', 'CRITICAL'];

/** Monday 00:00 UTC of ISO week `2026-W10`; null for a week the year does not have. */
export function isoWeekStart(year: number, week: number): number | null {
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const start = week1 + (week - 1) * WEEK_MS;
  // The week's Thursday must fall in the year.
  if (week < 1 || new Date(start + 3 * 86_400_000).getUTCFullYear() !== year) return null;
  return start;
}

interface SumRow {
  metric: string;
  dimensions: Record<string, string>;
  total: number;
}

/** Sums of the hourly values of a model's metrics over [fromMs, toMs), per series. */
async function sums(
  q: Queryable,
  orgId: number,
  model: string,
  metrics: string[],
  fromMs: number,
  toMs: number,
) {
  const { rows } = await q.query<SumRow>(
    `SELECT s.metric, s.dimensions, sum(r.sum)::float8 AS total
     FROM series s JOIN rollups r ON r.series_id = s.id AND r.resolution = 3600
       AND r.bucket >= to_timestamp($4::float8 / 1000) AND r.bucket < to_timestamp($5::float8 / 1000)
     WHERE s.org_id = $1 AND s.model = $2 AND s.metric = ANY($3::text[])
     GROUP BY s.id, s.metric, s.dimensions`,
    [orgId, model, metrics, fromMs, toMs],
  );
  return rows;
}

/** The latest hourly value in [fromMs, toMs) of each series of a model's metrics (levels, not flows). */
async function lastValues(
  q: Queryable,
  orgId: number,
  model: string,
  metrics: string[],
  fromMs: number,
  toMs: number,
) {
  const { rows } = await q.query<SumRow>(
    `SELECT DISTINCT ON (s.id) s.metric, s.dimensions, r.last::float8 AS total
     FROM series s JOIN rollups r ON r.series_id = s.id AND r.resolution = 3600
       AND r.bucket >= to_timestamp($4::float8 / 1000) AND r.bucket < to_timestamp($5::float8 / 1000)
     WHERE s.org_id = $1 AND s.model = $2 AND s.metric = ANY($3::text[])
     ORDER BY s.id, r.bucket DESC`,
    [orgId, model, metrics, fromMs, toMs],
  );
  return rows;
}

const keysAre = (d: Record<string, string>, keys: string[]) =>
  Object.keys(d).length === keys.length && keys.every((k) => k in d);
function total(
  rows: SumRow[],
  metric: string,
  keys: string[],
  pick?: (d: Record<string, string>) => boolean,
) {
  const sel = rows.filter(
    (r) => r.metric === metric && keysAre(r.dimensions, keys) && (!pick || pick(r.dimensions)),
  );
  return sel.length ? sel.reduce((a, r) => a + Number(r.total), 0) : null;
}
const ratio = (a: number | null, b: number | null, scale = 1) =>
  a === null || b === null || b === 0 ? null : (scale * a) / b;

/** The key numbers of one week (null where the organization has no such data). */
async function weekNumbers(
  q: Queryable,
  orgId: number,
  fromMs: number,
): Promise<Map<string, { v: number; unit?: string }>> {
  const toMs = fromMs + WEEK_MS;
  const out = new Map<string, { v: number; unit?: string }>();
  const set = (key: string, v: number | null, unit?: string) => {
    if (v !== null && Number.isFinite(v)) out.set(key, { v, unit });
  };
  const rev = await sums(
    q,
    orgId,
    'revenue',
    ['revenue', 'payments_failed', 'payments_succeeded'],
    fromMs,
    toMs,
  );
  const currencies = [
    ...new Set(rev.filter((r) => keysAre(r.dimensions, ['currency'])).map((r) => r.dimensions.currency)),
  ].sort();
  for (const c of currencies)
    set(
      `revenue:${c}`,
      total(rev, 'revenue', ['currency'], (d) => d.currency === c),
      c,
    );
  const failed = total(rev, 'payments_failed', []);
  const succeeded = total(rev, 'payments_succeeded', []);
  set(
    'payment_failure_rate',
    ratio(failed, failed === null || succeeded === null ? null : failed + succeeded, 100),
    '%',
  );
  const onb = await sums(q, orgId, 'onboarding', ['signups_completed', 'signups_started'], fromMs, toMs);
  const completed = total(onb, 'signups_completed', []);
  set('signups_completed', completed);
  set('signup_completion_rate', ratio(completed, total(onb, 'signups_started', []), 100), '%');
  const mkt = await sums(q, orgId, 'marketing', ['cost', 'conversions'], fromMs, toMs);
  const spend = total(mkt, 'cost', ['platform']);
  const conversions = total(mkt, 'conversions', ['platform']);
  set('ad_spend', spend, 'EUR');
  set('conversions', conversions);
  set('cpl', ratio(spend, conversions), 'EUR');
  const risk = await lastValues(q, orgId, 'payment_risk', ['accounts', 'revenue_at_risk'], fromMs, toMs);
  const atRisk = (d: Record<string, string>) => AT_RISK.includes(d.risk_level);
  set('accounts_at_risk', total(risk, 'accounts', ['risk_level'], atRisk));
  set('revenue_at_risk', total(risk, 'revenue_at_risk', ['risk_level'], atRisk));
  return out;
}

/** Reads the week's figures, insights, payment risk and recommended actions, and assembles the briefing. */
export async function readBriefing(
  q: Queryable,
  orgId: number,
  weekStartMs: number,
  lang: Language,
  catalog: ModelCatalog,
  writer?: NarrativeWriter,
): Promise<Briefing> {
  const [now, before] = await Promise.all([
    weekNumbers(q, orgId, weekStartMs),
    weekNumbers(q, orgId, weekStartMs - WEEK_MS),
  ]);
  const keyNumbers: KeyNumberInput[] = [...now.entries()].map(([k, { v, unit }]) => ({
    key: k.split(':')[0] as KeyNumberInput['key'],
    value: Math.round(v * 100) / 100,
    previous: before.get(k)?.v ?? null,
    ...(unit ? { unit } : {}),
  }));
  const kpi = (model: string, metric: string) => catalog.get(model)?.kpis.find((k) => k.metric === metric);
  const { insights } = await listInsights(
    q,
    orgId,
    { fromMs: weekStartMs, toMs: weekStartMs + WEEK_MS },
    1000,
    0,
  );
  const briefingInsights: BriefingInsight[] = insights.map((i) => {
    const k = kpi(i.model, i.series.metric);
    return {
      ...i,
      ...(k?.unit ? { unit: k.unit } : {}),
      ...(k?.goodDirection ? { goodDirection: k.goodDirection } : {}),
    };
  });
  const scored = (await riskSummary(q)).filter((r) => r.orgId === orgId);
  const paymentRisk = scored.length
    ? {
        accounts: scored.reduce((a, r) => a + r.accounts, 0),
        accountsAtRisk: scored.filter((r) => AT_RISK.includes(r.level)).reduce((a, r) => a + r.accounts, 0),
        revenueAtRisk: scored.filter((r) => AT_RISK.includes(r.level)).reduce((a, r) => a + r.revenue, 0),
      }
    : undefined;
  const { recommendations } = await listRecommendations(q, orgId, { status: 'pending' }, 5, 0, lang);
  const briefing = assembleBriefing({
    weekStartMs,
    lang,
    keyNumbers,
    insights: briefingInsights,
    ...(paymentRisk ? { paymentRisk } : {}),
    actions: recommendations,
  });
  if (writer?.enabled) briefing.text = (await writer.rewrite(briefing.text, lang)).text;
  return briefing;
}
