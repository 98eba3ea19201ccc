import { loadDemo } from '../src/demo/load';
import { incidentManifest, type Incident, type IncidentEffect } from '../src/demo/incidents';
import { DAY_MS, DEFAULT_SEED, historyEnd, type DemoSpec } from '../src/demo/timeline';
import { loadModelCatalog } from '../src/models/catalog';
import { analyzeModel } from '../src/models/runner';
import { ensureOrganization } from '../src/store/api-keys';
import { openTestDb, type TestDb } from './support/backends';
import { PG_BIN } from './support/postgres-server';

// Six weeks of demo history: three of warm-up (conditions.ts), then the card payment outage (day 22) and
// the signup completion regression (day 30). One backend is enough here (the API tests cover both); the
// faster one loads the 214k points.
const DAYS = 42;
const NOW = Date.UTC(2026, 10, 20, 12, 30);
const WEEK_MS = 7 * DAY_MS;

interface Found {
  model: string;
  metric: string;
  dimensions: Record<string, string>;
  direction: 'up' | 'down';
  startedMs: number;
}

const sameDims = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const isSeries = (e: IncidentEffect, f: Found) =>
  e.model === f.model && e.metric === f.metric && sameDims(e.dimensions, f.dimensions);
/** An insight is explained by an incident that moves its series, from its start to a day after its end. */
const explains = (inc: Incident, f: Found) =>
  [inc, ...inc.effects].some((e) => isSeries(e, f)) &&
  f.startedMs >= inc.startMs &&
  f.startedMs < inc.endMs + DAY_MS;

describe('analysis of the demo data', () => {
  let t: TestDb;
  let spec: DemoSpec;
  let found: Found[];
  beforeAll(async () => {
    t = await openTestDb(PG_BIN.initdb && PG_BIN.postgres ? 'postgres' : 'pglite');
    const orgId = await ensureOrganization(t.db, 'demo');
    spec = (
      await loadDemo(t.db, {
        orgId,
        nowMs: NOW,
        days: DAYS,
        seed: DEFAULT_SEED,
        bounds: { minMs: 0, maxFutureSkewMs: DAY_MS },
      })
    ).spec;
    const catalog = loadModelCatalog();
    for (const model of catalog.models)
      expect(
        await analyzeModel(t.db, orgId, model, { nowMs: historyEnd(spec), lookbackDays: DAYS, catalog }),
      ).toMatchObject({ ran: true });
    const { rows } = await t.db.query<Found & { started_ms: number }>(
      `SELECT i.model, s.metric, s.dimensions, i.evidence ->> 'direction' AS direction,
              date_part('epoch', i.started_at) * 1000 AS started_ms
       FROM insights i JOIN series s ON s.id = i.series_id WHERE i.org_id = $1`,
      [orgId],
    );
    found = rows.map((r) => ({ ...r, startedMs: Number(r.started_ms) }));
  }, 240_000);
  afterAll(async () => t?.close());

  it('turns every injected incident into an insight on its series, of the right model and direction', () => {
    const manifest = incidentManifest(spec);
    expect(manifest.map((m) => m.id).sort()).toEqual([
      'card-payment-failure-spike',
      'signup-completion-regression',
    ]);
    for (const inc of manifest) {
      const hit = found.filter(
        (f) => isSeries(inc, f) && f.startedMs >= inc.startMs && f.startedMs < inc.endMs,
      );
      expect({ id: inc.id, directions: hit.map((f) => f.direction) }).toEqual({
        id: inc.id,
        directions: [inc.direction],
      });
      // Raised within three hours of the start: the alarm plus its confirming hour.
      expect(hit[0].startedMs - inc.startMs).toBeLessThan(3 * 3_600_000);
    }
  });

  it('raises at most one false insight per series per week', () => {
    const manifest = incidentManifest(spec);
    const perSeriesWeek = new Map<string, number>();
    for (const f of found) {
      if (manifest.some((inc) => explains(inc, f))) continue;
      const key = `${f.model}/${f.metric}/${JSON.stringify(f.dimensions)}/${Math.floor((f.startedMs - spec.startMs) / WEEK_MS)}`;
      perSeriesWeek.set(key, (perSeriesWeek.get(key) ?? 0) + 1);
    }
    expect([...perSeriesWeek].filter(([, n]) => n > 1)).toEqual([]);
  });
});
