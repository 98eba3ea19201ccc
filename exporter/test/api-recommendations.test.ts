import { parse } from 'csv-parse/sync';
import type { Db } from '../src/db/db';
import { loadModelCatalog } from '../src/models/catalog';
import { learningsInvolving } from '../src/models/analysis-store';
import { readOnlySeries } from '../src/models/fetch-series';
import { listInsights } from '../src/models/insights-store';
import { storeRunRecommendations } from '../src/models/service';
import { ensureOrganization } from '../src/store/api-keys';
import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

jest.setTimeout(120_000);

const catalog = loadModelCatalog();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;

/** A series with hourly rollups of `value` over the last `hours` hours (its last point `lastAgoMs` ago). */
async function series(
  db: Db,
  orgId: number,
  model: string,
  metric: string,
  dimensions: Record<string, string>,
  value: number,
  opts: { hours?: number; lastAgoMs?: number; startMs?: number } = {},
): Promise<number> {
  const last = hourOf(NOW - (opts.lastAgoMs ?? HOUR));
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO series (org_id, model, metric, dimensions, series_key, last_ts, last_value)
     VALUES ($1, $2, $3, $4::jsonb, $5, to_timestamp($6::float8 / 1000), $7)
     ON CONFLICT (org_id, series_key) DO UPDATE SET last_ts = excluded.last_ts RETURNING id`,
    [
      orgId,
      model,
      metric,
      JSON.stringify(dimensions),
      `${model}|${metric}|${JSON.stringify(dimensions)}`,
      last,
      value,
    ],
  );
  const id = rows[0].id;
  const start = opts.startMs ?? last - ((opts.hours ?? 24) - 1) * HOUR;
  for (
    let t = start;
    t <= (opts.startMs === undefined ? last : start + ((opts.hours ?? 24) - 1) * HOUR);
    t += HOUR
  )
    await db.query(
      `INSERT INTO rollups (series_id, resolution, bucket, count, sum, min, max, last, last_ts)
       VALUES ($1, 3600, to_timestamp($2::float8 / 1000), 1, $3, $3, $3, $3, to_timestamp($2::float8 / 1000))
       ON CONFLICT DO NOTHING`,
      [id, t, value],
    );
  return id;
}

/** An open insight on a series, as the analysis stores it. */
async function insight(
  db: Db,
  orgId: number,
  model: string,
  seriesId: number,
  ev: { direction: 'up' | 'down'; observed: number; expected: number; score?: number },
  opts: { severity?: string; startedAgoMs?: number } = {},
): Promise<number> {
  const score = ev.score ?? 0.97;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO insights (org_id, model, series_id, type, severity, status, condition_key, title, message, evidence,
       started_at, last_seen_at)
     VALUES ($1, $2, $3, 'anomaly', $4, 'open', $5, $6, 'm', $7::jsonb, to_timestamp($8::float8 / 1000), to_timestamp($9::float8 / 1000))
     RETURNING id`,
    [
      orgId,
      model,
      seriesId,
      opts.severity ?? 'warning',
      `anomaly:${seriesId}:${ev.direction}`,
      `series ${seriesId} ${ev.direction}`,
      JSON.stringify({
        ...ev,
        score,
        lower: ev.expected * 0.9,
        upper: ev.expected * 1.1,
        deviation: ev.direction === 'up' ? 5 : -5,
        peakAt: new Date(hourOf(NOW - 2 * HOUR)).toISOString(),
      }),
      NOW - (opts.startedAgoMs ?? 10 * HOUR),
      hourOf(NOW - HOUR),
    ],
  );
  return rows[0].id;
}

eachBackend('recommendations API', (backend) => {
  let t: TestExporter;
  let db: Db;
  let orgId: number;
  const get = (path: string, key = t.keyA) => call(t.url, 'GET', path, { key });
  const post = (path: string, body?: unknown, key = t.keyA) => call(t.url, 'POST', path, { key, body });
  // What an analysis run does after its findings, on the insights stored here: each model generates its
  // recommendations from its active insights, learnings and last week of data, and they are gated and stored.
  const refresh = async () => {
    for (const name of ['marketing', 'revenue']) {
      const model = catalog.get(name)!;
      const data = await readOnlySeries(
        { tx: db, orgId, fromMs: NOW - 8 * DAY, nowMs: NOW },
        name,
        model.kpis,
      );
      const { insights } = await listInsights(db, orgId, { model: name, status: 'active' }, 1000, 0);
      const learnings = await learningsInvolving(db, orgId, name);
      const recommendations = model.generateRecommendations(insights, learnings, data);
      await storeRunRecommendations(db, orgId, { model: name, recommendations }, { nowMs: NOW });
    }
  };
  const byKind = async (kind: string, query = 'includeHidden=true') =>
    (await get(`/api/v1/recommendations?${query}&limit=1000`)).body.recommendations.filter(
      (r: { kind: string }) => r.kind === kind,
    );

  beforeAll(async () => {
    t = await startTestExporter(backend);
    db = t.testDb.db;
    orgId = await ensureOrganization(db, 'org-a');
    const meta = await series(db, orgId, 'marketing', 'cpl', { platform: 'meta' }, 45);
    await series(db, orgId, 'marketing', 'cpl', { platform: 'google' }, 20);
    await insight(db, orgId, 'marketing', meta, { direction: 'up', observed: 45, expected: 30 });
    const ctr = await series(
      db,
      orgId,
      'marketing',
      'ctr',
      { platform: 'instagram', campaignId: 'camp_123' },
      0.8,
    );
    await insight(db, orgId, 'marketing', ctr, { direction: 'down', observed: 0.8, expected: 1.2 });
    // its data stopped 10 hours ago: the gate holds it back (missing data)
    const conv = await series(db, orgId, 'marketing', 'conversion_rate', { platform: 'meta' }, 2, {
      lastAgoMs: 10 * HOUR,
    });
    await insight(db, orgId, 'marketing', conv, { direction: 'down', observed: 2, expected: 3 });
    const sepa = await series(db, orgId, 'revenue', 'payment_failure_rate', { method: 'sepa_debit' }, 12);
    await insight(
      db,
      orgId,
      'revenue',
      sepa,
      { direction: 'up', observed: 12, expected: 4 },
      { severity: 'critical' },
    );
    await refresh();
  });
  afterAll(async () => t?.stop());

  it('lists the recommendations that passed the quality gate, highest priority first', async () => {
    const res = await get('/api/v1/recommendations');
    expect(res.status).toBe(200);
    expect(res.body.recommendations.map((r: { kind: string; target: string }) => [r.kind, r.target])).toEqual(
      [
        ['investigate_payment_method', 'method=sepa_debit'],
        ['move_budget', 'platform=meta'],
        ['refresh_creative', 'campaignId=camp_123, platform=instagram'],
      ],
    );
    expect(res.body).toMatchObject({ total: 3, limit: 100, offset: 0 });
    const move = res.body.recommendations[1];
    expect(move).toMatchObject({
      model: 'marketing',
      action: 'Move part of the budget from meta to google',
      priority: 'medium',
      status: 'pending',
      auditScore: 100,
      findings: [],
      statusChangedBy: null,
    });
    expect(move.rationale).toContain('google is at 20 EUR');
  });

  it('shows the held-back ones with their findings when asked', async () => {
    const [hidden] = await byKind('review_landing_page');
    expect(hidden.auditScore).toBeLessThan(80);
    expect(hidden.findings).toContainEqual(expect.objectContaining({ rule: 'missing_data', level: 'error' }));
    expect((await get('/api/v1/recommendations?includeHidden=true')).body.total).toBe(4);
  });

  it('filters by model and status, pages, and speaks French', async () => {
    const rev = await get('/api/v1/recommendations?model=revenue');
    expect(rev.body.recommendations.map((r: { kind: string }) => r.kind)).toEqual([
      'investigate_payment_method',
    ]);
    const page = await get('/api/v1/recommendations?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.recommendations[0].kind).toBe('move_budget');
    const fr = await get('/api/v1/recommendations?model=marketing&lang=fr');
    expect(fr.body.recommendations[0].action).toBe('Déplacer une partie du budget de meta vers google');
    const bad = await get('/api/v1/recommendations?status=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('/query/status');
    expect((await get('/api/v1/recommendations?status=accepted')).body.total).toBe(0);
  });

  it('records decisions with who and when, and refuses bad transitions with 404 / 409 / 400', async () => {
    const [move] = await byKind('move_budget');
    const keyId = t.keyA.split('_')[1];
    const accepted = await post(`/api/v1/recommendations/${move.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', statusChangedBy: `a (${keyId})` });
    expect(Date.parse(accepted.body.statusChangedAt)).toBeGreaterThan(NOW - 60_000);
    const again = await post(`/api/v1/recommendations/${move.id}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      'cannot accept a recommendation that is accepted (allowed: dismiss, done)',
    );
    expect((await post(`/api/v1/recommendations/${move.id}/done`)).body.status).toBe('done');
    expect((await post(`/api/v1/recommendations/${move.id}/dismiss`, { reason: 'x' })).status).toBe(409);

    const [creative] = await byKind('refresh_creative');
    const noReason = await post(`/api/v1/recommendations/${creative.id}/dismiss`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].path).toBe('/reason');
    const dismissed = await post(`/api/v1/recommendations/${creative.id}/dismiss`, {
      reason: '@creative team: renewed last week',
    });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      dismissReason: '@creative team: renewed last week',
    });

    expect((await post('/api/v1/recommendations/999999/accept')).status).toBe(404);
    // another organization's recommendation does not exist for this key
    expect((await post(`/api/v1/recommendations/${creative.id}/accept`, undefined, t.keyB)).status).toBe(404);
    expect(
      (await post(`/api/v1/recommendations/${creative.id}/accept`, undefined, t.readOnlyKeyA)).status,
    ).toBe(403);
  });

  it('snoozes until a time, then the recommendation is pending again', async () => {
    const [pay] = await byKind('investigate_payment_method');
    const past = await post(`/api/v1/recommendations/${pay.id}/snooze`, {
      until: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect((await post(`/api/v1/recommendations/${pay.id}/snooze`, { until: 'tomorrow' })).status).toBe(400);
    const until = new Date(Date.now() + 1500).toISOString();
    const snoozed = await post(`/api/v1/recommendations/${pay.id}/snooze`, { until });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect((await byKind('investigate_payment_method'))[0].status).toBe('snoozed');
    await new Promise((r) => setTimeout(r, 1700));
    expect((await byKind('investigate_payment_method'))[0]).toMatchObject({
      status: 'pending',
      snoozedUntil: null,
    });
  });

  it('never raises a recommendation twice, and gates advice right after a decision on the same target', async () => {
    const before = (await get('/api/v1/recommendations?includeHidden=true&status=open')).body.total;
    await refresh();
    await refresh();
    const open = (await get('/api/v1/recommendations?includeHidden=true&status=open&limit=1000')).body
      .recommendations;
    const keys = open.map((r: { kind: string; target: string }) => `${r.kind}|${r.target}`);
    expect(new Set(keys).size).toBe(keys.length);
    // the dismissed creative and the done budget move come back as new open ones, held back by the gate
    expect(open).toHaveLength(before + 2);
    const creative = open.find((r: { kind: string }) => r.kind === 'refresh_creative');
    expect(creative.findings.map((f: { rule: string }) => f.rule)).toEqual(['recent_duplicate']);
    const move = open.find((r: { kind: string }) => r.kind === 'move_budget');
    expect(move.findings.map((f: { rule: string }) => f.rule).sort()).toEqual([
      'recent_duplicate',
      'silence_window',
    ]);
    expect(move.auditScore).toBe(20);
    const shown = (await get('/api/v1/recommendations?status=open')).body.recommendations.map(
      (r: { kind: string }) => r.kind,
    );
    expect(shown).toEqual(['investigate_payment_method']);
  });

  it('exports the shown recommendations and the insights as CSV', async () => {
    const res = await fetch(`${t.url}/api/v1/recommendations.csv`, {
      headers: { authorization: `Bearer ${t.keyA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    const json = (await get('/api/v1/recommendations')).body.recommendations;
    expect(rows).toHaveLength(json.length);
    expect(rows[0]).toMatchObject({
      id: String(json[0].id),
      rationale: json[0].rationale,
      status: 'pending',
    });
    // a cell a spreadsheet would run as a formula is exported with a leading quote
    expect(rows.find((r) => r.status === 'dismissed')!.dismissReason).toBe(
      "'@creative team: renewed last week",
    );

    const ins = await fetch(`${t.url}/api/v1/insights.csv?model=marketing&lang=fr`, {
      headers: { authorization: `Bearer ${t.keyA}` },
    });
    const insights = parse(await ins.text(), { columns: true }) as Array<Record<string, string>>;
    expect(insights).toHaveLength(3);
    const cpl = insights.find((r) => r.metric === 'cpl')!;
    expect(cpl.title).toBe('CPL au-dessus de sa plage attendue (platform=meta)');
    expect(cpl.dimensions).toBe('platform=meta');
    expect(JSON.parse(cpl.evidence)).toMatchObject({ observed: 45, expected: 30 });
    const limited = await fetch(`${t.url}/api/v1/insights.csv?limit=1`, {
      headers: { authorization: `Bearer ${t.keyA}` },
    });
    expect(parse(await limited.text(), { columns: true })).toHaveLength(1);
    expect((await get('/api/v1/insights.csv?severity=bad')).status).toBe(400);
  });

  it('briefs the week: key numbers against the week before, changes, risks and actions, in both languages', async () => {
    const monday = (ms: number) => {
      const d = new Date(ms);
      return (
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * 86_400_000
      );
    };
    const week = monday(NOW);
    // EUR revenue: 10 hours of 120 this week, 10 hours of 100 the week before
    await series(db, orgId, 'revenue', 'revenue', { currency: 'EUR' }, 120, { startMs: week, hours: 10 });
    await db.query(
      `INSERT INTO rollups (series_id, resolution, bucket, count, sum, min, max, last, last_ts)
       SELECT id, 3600, to_timestamp(($2::float8 - 7 * 86400000 + g * 3600000) / 1000), 1, 100, 100, 100, 100, now()
       FROM series, generate_series(0, 9) g WHERE org_id = $1 AND metric = 'revenue'`,
      [orgId, week],
    );
    const day = new Date(week + 2 * 86_400_000).toISOString().slice(0, 10);
    const en = await get(`/api/v1/briefing?week=${day}`);
    expect(en.status).toBe(200);
    expect(en.body.weekStart).toBe(new Date(week).toISOString());
    expect(en.body.keyNumbers).toContainEqual({
      label: 'Revenue',
      value: 1200,
      unit: 'EUR',
      change: 0.2,
      goodDirection: 'up',
    });
    expect(en.body.topChanges[0]).toBe(
      'payment failure rate above its expected range (method=sepa_debit) (+200%)',
    );
    expect(en.body.risks).toContain('CPL above its expected range (platform=meta) (+50%)');
    expect(en.body.actions[0]).toMatch(/^Investigate payment method sepa_debit/);
    expect(en.body.text).toContain('## Recommended actions');
    const fr = await get(`/api/v1/briefing?week=${day}&lang=fr`);
    expect(fr.body.language).toBe('fr');
    expect(fr.body.text).toContain('## Actions recommandées');
    expect(fr.body.actions[0]).toMatch(/^Examiner le moyen de paiement sepa_debit/);
    const bad = await get('/api/v1/briefing?week=2026-W60');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('/query/week');
    expect((await get('/api/v1/briefing')).status).toBe(200);
  });
});
