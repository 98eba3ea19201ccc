import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Forecast, KpiPoint, Learning } from '@kpilens/contract';
import { BUILT_IN_MODELS } from '../src/models/definitions';
import { eachBackend } from './support/backends';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { HOUR, hourlyPoints, ctrLeadingSignups, writeHistory } from './support/kpi-history';

jest.setTimeout(240_000);
const HOURS = 70 * 24;

// The built-in marketing model replaced by a file that gives Meta's CPC a target: at most 130 EUR.
const modelsDir = mkdtempSync(join(tmpdir(), 'kpilens-models-'));
const marketing = BUILT_IN_MODELS.find((m) => m.name === 'marketing')!;
writeFileSync(
  join(modelsDir, 'marketing.json'),
  JSON.stringify({
    ...marketing,
    kpis: marketing.kpis.map((k) =>
      k.metric === 'cpc'
        ? { ...k, target: { value: 130, dimensions: { platform: 'meta' }, horizonDays: 30 } }
        : k,
    ),
  }),
);

/**
 * 70 days up to the last complete hour: CPC on four platforms, Meta's up 60 % for the last six days (over
 * its target); Google's CTR a random walk of daily levels that onboarding completions follow two days later.
 */
function history(startMs: number): KpiPoint[] {
  const pts: KpiPoint[] = [];
  ['google', 'meta', 'tiktok', 'linkedin'].forEach((platform, i) =>
    pts.push(
      ...hourlyPoints(
        'marketing',
        'cpc',
        { platform },
        HOURS,
        3 + i,
        platform === 'meta' ? { from: HOURS - 144, to: HOURS, factor: 1.6 } : undefined,
        startMs,
      ),
    ),
  );
  pts.push(...ctrLeadingSignups(HOURS, startMs));
  return pts;
}

eachBackend('forecasts and learnings API', (backend) => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter(backend, { KPILENS_MODELS_DIR: modelsDir });
    const orgA = (
      await t.testDb.db.query<{ id: number }>(`SELECT id FROM organizations WHERE slug = 'org-a'`)
    ).rows[0].id;
    await writeHistory(t.testDb.db, orgA, history(Math.floor(Date.now() / HOUR) * HOUR - HOURS * HOUR));
    for (const model of ['marketing', 'onboarding']) {
      const r = await call(t.url, 'POST', `/api/v1/models/${model}/analyze`, { key: t.keyA });
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => t?.stop());

  const get = (path: string, key = t.readOnlyKeyA) => call(t.url, 'GET', path, { key });

  it('serves the forecast of each series, filtered by model, metric and dimensions, cut at the horizon', async () => {
    const all = await get('/api/v1/forecasts');
    expect(all.status).toBe(200);
    expect(all.body.forecasts).toHaveLength(6);
    const r = await get('/api/v1/forecasts?model=marketing&metric=cpc&dim.platform=meta&horizon=7');
    expect(r.status).toBe(200);
    const [meta] = r.body.forecasts as Forecast[];
    expect(r.body.forecasts).toHaveLength(1);
    expect(meta).toMatchObject({
      series: { model: 'marketing', metric: 'cpc', dimensions: { platform: 'meta' } },
      level: 0.8,
    });
    expect(meta.points).toHaveLength(7);
    for (const p of meta.points) {
      expect(p.lower).toBeLessThanOrEqual(p.yhat);
      expect(p.yhat).toBeLessThanOrEqual(p.upper);
    }
    // Meta's CPC is at about 160 after its rise: projected over its target of 130.
    expect(meta.target).toMatchObject({ value: 130, projectedToMiss: true });
    const long = await get('/api/v1/forecasts?model=marketing&metric=cpc&dim.platform=meta');
    expect(long.body.forecasts[0].points).toHaveLength(90);
    expect((await get('/api/v1/forecasts?horizon=5')).status).toBe(400);
    expect((await get('/api/v1/forecasts?platform=meta')).status).toBe(400);
  });

  it('raises the target risk and the learning as insights', async () => {
    const r = await get('/api/v1/insights?status=active&limit=1000');
    const risk = r.body.insights.filter((i: { type: string }) => i.type === 'target_risk');
    expect(risk).toHaveLength(1);
    expect(risk[0]).toMatchObject({
      model: 'marketing',
      series: { metric: 'cpc', dimensions: { platform: 'meta' } },
      evidence: { kind: 'target_risk', target: 130, comparison: 'at_most' },
    });
    const learning = r.body.insights.filter((i: { type: string }) => i.type === 'learning');
    expect(learning).toEqual([
      expect.objectContaining({
        model: 'onboarding',
        severity: 'info',
        series: expect.objectContaining({ metric: 'signups_completed' }),
        evidence: expect.objectContaining({ kind: 'learning', lagDays: 2 }),
      }),
    ]);
  });

  it('serves the learnings a model takes part in, and keeps organizations apart', async () => {
    const r = await get('/api/v1/learnings?model=onboarding');
    expect(r.status).toBe(200);
    const found = (r.body.learnings as Learning[]).find(
      (l) => l.leader.metric === 'ctr' && l.follower.metric === 'signups_completed',
    );
    expect(found).toMatchObject({
      leader: { model: 'marketing', dimensions: { platform: 'google' } },
      follower: { model: 'onboarding', dimensions: { source: 'paid_search' } },
      lagDays: 2,
    });
    expect(found!.correlation).toBeGreaterThan(0.5);
    expect(found!.pValue).toBeLessThan(0.05);
    expect((await get('/api/v1/learnings?model=revenue')).body.learnings).toEqual([]);
    expect((await get('/api/v1/learnings', t.keyB)).body).toEqual({ learnings: [] });
    expect((await get('/api/v1/forecasts', t.keyB)).body).toEqual({ forecasts: [] });
    expect((await call(t.url, 'GET', '/api/v1/learnings')).status).toBe(401);
  });

  it('pages forecasts and learnings: limit, offset, truncated when more match', async () => {
    const all = (await get('/api/v1/forecasts?horizon=7')).body.forecasts as Forecast[];
    const first = await get('/api/v1/forecasts?horizon=7&limit=4');
    expect(first.body.truncated).toBe(true);
    expect(first.body.forecasts).toEqual(all.slice(0, 4));
    const rest = await get('/api/v1/forecasts?horizon=7&limit=4&offset=4');
    expect(rest.body).toEqual({ forecasts: all.slice(4) });
    expect((await get('/api/v1/forecasts?limit=501')).status).toBe(400);

    const learnings = (await get('/api/v1/learnings')).body.learnings as Learning[];
    expect(learnings.length).toBeGreaterThanOrEqual(1);
    const one = await get('/api/v1/learnings?limit=1');
    expect(one.body.learnings).toEqual(learnings.slice(0, 1));
    expect(one.body.truncated).toBe(learnings.length > 1 ? true : undefined);
    expect((await get(`/api/v1/learnings?offset=${learnings.length}`)).body).toEqual({ learnings: [] });
    expect((await get('/api/v1/learnings?limit=0')).status).toBe(400);
  });
});
