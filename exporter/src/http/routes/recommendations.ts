import { Type } from '@sinclair/typebox';
import {
  ApiError,
  Briefing,
  BriefingQuery,
  DecisionBody,
  DismissBody,
  InsightQuery,
  Languages,
  Recommendation,
  RecommendationList,
  RecommendationQuery,
  SnoozeBody,
  type Insight,
  type Language,
} from '@kpilens/contract';
import { stringify } from 'csv-stringify/sync';
import { weekStartOf } from '../../briefing/assemble';
import { isoWeekStart, readBriefing } from '../../briefing/read';
import { listInsights } from '../../models/insights-store';
import { renderInsight } from '../../narratives/insights';
import { narrativeWriter } from '../../narratives/llm';
import type { Decision } from '../../recommendations/lifecycle';
import { decideRecommendation, DecisionError, listRecommendations } from '../../recommendations/store';
import type { KpiApp } from '../app-types';
import { principalOf } from '../auth';
import type { AppContext } from '../context';
import { ApiHttpError } from '../errors';
import { parseQueryTime } from '../query-time';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError, 503: ApiError };
const WEEK_MS = 7 * 86_400_000;
const EXPORT_PAGE = 1000;

/** Who decided: the API key's name and id (keys are per integration or person). */
const actor = (p: { keyName: string; keyId: string }) => `${p.keyName} (${p.keyId})`;

const csvText = (rows: Array<Record<string, unknown>>, columns: string[]) =>
  stringify(rows, {
    header: true,
    columns,
    cast: { boolean: (b) => String(b) },
    // cells starting with = + - @ get a leading quote, so a spreadsheet never runs them as formulas
    escape_formulas: true,
  });

export async function recommendationRoutes(app: KpiApp, ctx: AppContext): Promise<void> {
  const writer = narrativeWriter(ctx.config);

  const list = (orgId: number, q: RecommendationQuery, limit: number, offset: number) =>
    listRecommendations(
      ctx.db,
      orgId,
      { status: q.status, model: q.model, includeHidden: q.includeHidden },
      limit,
      offset,
      q.lang ?? 'en',
    );

  app.get(
    '/recommendations',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List recommendations',
        description:
          'Highest priority first, then by score (evidence times the feedback on the kind). Only those that ' +
          'passed the quality gate (no error finding, audit score at least 80) unless `includeHidden=true`. ' +
          '`status=open`: pending, accepted or snoozed. `lang=fr` renders the texts in French.',
        tags: ['recommendations'],
        querystring: RecommendationQuery,
        response: { 200: RecommendationList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const limit = q.limit ?? 100;
      const offset = q.offset ?? 0;
      return { ...(await list(principalOf(req).orgId, q, limit, offset)), limit, offset };
    },
  );

  const decide = (decision: Decision, summary: string, body: object, description: string) =>
    app.post(
      `/recommendations/:id/${decision}`,
      {
        // A decision changes stored state: not for a read-only key; an ingest key (as for analyze) suffices.
        config: { scope: 'ingest' },
        schema: {
          summary,
          description,
          tags: ['recommendations'],
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          ...(body === DecisionBody ? {} : { body }),
          response: { 200: Recommendation, 409: ApiError, ...errors },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const b = (req.body ?? {}) as { reason?: string; until?: string };
        if (decision === 'dismiss' && !b.reason)
          throw new ApiHttpError(400, 'a dismissal needs a reason', [
            { path: '/reason', message: 'must be a non-empty string' },
          ]);
        if (decision === 'snooze' && !b.until)
          throw new ApiHttpError(400, 'a snooze needs an end', [
            { path: '/until', message: 'must be an ISO 8601 date-time' },
          ]);
        try {
          return await decideRecommendation(ctx.db, p.orgId, req.params.id, decision, actor(p), {
            reason: b.reason,
            untilMs: b.until === undefined ? undefined : Date.parse(b.until),
          });
        } catch (err) {
          if (err instanceof DecisionError)
            throw new ApiHttpError(
              err.statusCode,
              err.message,
              err.statusCode === 400 ? [{ path: '/until', message: err.message }] : undefined,
            );
          throw err;
        }
      },
    );
  decide('accept', 'Accept a recommendation', DecisionBody, 'pending or snoozed -> accepted.');
  decide(
    'dismiss',
    'Dismiss a recommendation',
    DismissBody,
    'pending, snoozed or accepted -> dismissed; `reason` required.',
  );
  decide(
    'snooze',
    'Snooze a recommendation',
    SnoozeBody,
    'pending or snoozed -> snoozed until `until`, then pending again.',
  );
  decide('done', 'Mark a recommendation done', DecisionBody, 'pending, snoozed or accepted -> done.');

  app.get(
    '/recommendations.csv',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Export recommendations as CSV',
        description:
          'The filters of GET /recommendations; every match when `limit` is not given. Hidden ones (failed ' +
          'quality gate) are never exported.',
        tags: ['recommendations'],
        querystring: Type.Omit(RecommendationQuery, ['includeHidden']),
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (req, reply) => {
      const orgId = principalOf(req).orgId;
      const q = { ...req.query, includeHidden: false };
      const rows = [];
      for (let offset = q.offset ?? 0; ; offset += EXPORT_PAGE) {
        const limit = q.limit === undefined ? EXPORT_PAGE : Math.min(EXPORT_PAGE, q.limit - rows.length);
        const page = await list(orgId, q, limit, offset);
        rows.push(...page.recommendations);
        if (page.recommendations.length < limit || (q.limit !== undefined && rows.length >= q.limit)) break;
      }
      const columns = [
        'id',
        'model',
        'kind',
        'target',
        'priority',
        'score',
        'status',
        'auditScore',
        'action',
        'rationale',
        'expectedImpact',
        'insightIds',
        'createdAt',
        'updatedAt',
        'statusChangedBy',
        'statusChangedAt',
        'dismissReason',
        'snoozedUntil',
      ];
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="recommendations.csv"');
      return csvText(
        rows.map((r) => ({ ...r, insightIds: r.insightIds.join(' ') })),
        columns,
      );
    },
  );

  app.get(
    '/insights.csv',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Export insights as CSV',
        description:
          'The filters of GET /insights; every match when `limit` is not given. `lang=fr` renders titles and ' +
          'messages in French.',
        tags: ['models'],
        querystring: Type.Composite(
          [
            Type.Omit(InsightQuery, ['limit']),
            Type.Object({
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
              lang: Type.Optional(Type.Union(Languages.map((l) => Type.Literal(l)))),
            }),
          ],
          { additionalProperties: false },
        ),
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const lang: Language = q.lang ?? 'en';
      const filter = {
        model: q.model,
        severity: q.severity,
        status: q.status,
        fromMs: q.from === undefined ? undefined : parseQueryTime(q.from, 'from'),
        toMs: q.to === undefined ? undefined : parseQueryTime(q.to, 'to'),
      };
      const orgId = principalOf(req).orgId;
      const rows: Insight[] = [];
      for (let offset = q.offset ?? 0; ; offset += EXPORT_PAGE) {
        const limit = q.limit === undefined ? EXPORT_PAGE : Math.min(EXPORT_PAGE, q.limit - rows.length);
        const page = await listInsights(ctx.db, orgId, filter, limit, offset);
        rows.push(...page.insights);
        if (page.insights.length < limit || (q.limit !== undefined && rows.length >= q.limit)) break;
      }
      const unit = (i: Insight) =>
        ctx.kpiModels.get(i.model)?.kpis.find((k) => k.metric === i.series.metric)?.unit;
      const columns = [
        'id',
        'model',
        'type',
        'severity',
        'status',
        'title',
        'message',
        'metric',
        'dimensions',
        'seriesId',
        'startedAt',
        'lastSeenAt',
        'resolvedAt',
        'evidence',
      ];
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="insights.csv"');
      return csvText(
        rows.map((i) => ({
          ...i,
          ...(lang === 'en' ? {} : renderInsight(i, lang, unit(i))),
          metric: i.series.metric,
          dimensions: Object.entries(i.series.dimensions)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
          seriesId: i.series.id,
          evidence: JSON.stringify(i.evidence),
        })),
        columns,
      );
    },
  );

  app.get(
    '/briefing',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Weekly executive briefing',
        description:
          'Key numbers with their change against the previous week, top changes, risks (payment risk included ' +
          'when accounts are scored) and recommended actions, for a week starting Monday 00:00 UTC. `week`: a ' +
          'day of it (2026-03-04) or an ISO week (2026-W10); default the last complete week. With ' +
          'KPILENS_LLM_URL set, `text` may be rewritten by the configured model (the template otherwise).',
        tags: ['recommendations'],
        querystring: BriefingQuery,
        response: { 200: Briefing, ...errors },
      },
    },
    async (req) => {
      const { week, lang } = req.query;
      let start = weekStartOf(Date.now()) - WEEK_MS;
      if (week) {
        const iso = /^(\d{4})-W(\d{2})$/.exec(week);
        const s = iso ? isoWeekStart(Number(iso[1]), Number(iso[2])) : Date.parse(`${week}T00:00:00Z`);
        if (s === null || Number.isNaN(s))
          throw new ApiHttpError(400, 'invalid week', [
            {
              path: '/query/week',
              message: 'expected a date (YYYY-MM-DD) or an ISO week (YYYY-Www) that exists',
            },
          ]);
        start = weekStartOf(s);
      }
      return readBriefing(ctx.db, principalOf(req).orgId, start, lang ?? 'en', ctx.kpiModels, writer);
    },
  );
}
