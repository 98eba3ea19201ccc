import { loadDemo } from '../src/demo/load';
import { incidentManifest, type Incident } from '../src/demo/incidents';
import { DAY_MS, DEFAULT_SEED, type DemoSpec } from '../src/demo/timeline';
import { loadModelCatalog } from '../src/models/catalog';
import { analyzeModel } from '../src/models/runner';
import { storeRunRecommendations } from '../src/models/service';
import { listRecommendations } from '../src/recommendations/store';
import { ensureOrganization } from '../src/store/api-keys';
import { openTestDb, type TestDb } from './support/backends';
import { PG_BIN } from './support/postgres-server';

jest.setTimeout(300_000);

// Six weeks of demo history (as analysis-demo.test.ts): the card payment outage (day 22) and the signup
// completion regression (day 30) each happen after three weeks of warm-up. Analysed while each is going on,
// the recommendations name the action the incident calls for, and pass the quality gate.
const DAYS = 42;
const NOW = Date.UTC(2026, 10, 20, 12, 30);
const HOUR = 3_600_000;

describe('recommendations on the demo data', () => {
  let t: TestDb;
  let orgId: number;
  let spec: DemoSpec;
  const catalog = loadModelCatalog();
  const incident = (id: string): Incident => incidentManifest(spec).find((i) => i.id === id)!;
  const during = async (inc: Incident, model: string, hoursIn: number) => {
    const nowMs = inc.startMs + hoursIn * HOUR;
    const m = catalog.get(model)!;
    const run = await analyzeModel(t.db, orgId, m, { nowMs, lookbackDays: DAYS, catalog });
    expect(run).toMatchObject({ ran: true });
    // the model's drafts through the gate (as the service does after a run); the data goes on after `nowMs`
    // in the stored history: it is not stale at that time
    await storeRunRecommendations(t.db, orgId, run, { nowMs });
    return (await listRecommendations(t.db, orgId, { model, status: 'open' }, 100, 0)).recommendations;
  };

  beforeAll(async () => {
    t = await openTestDb(PG_BIN.initdb && PG_BIN.postgres ? 'postgres' : 'pglite');
    orgId = await ensureOrganization(t.db, 'demo');
    spec = (
      await loadDemo(t.db, {
        orgId,
        nowMs: NOW,
        days: DAYS,
        seed: DEFAULT_SEED,
        bounds: { minMs: 0, maxFutureSkewMs: DAY_MS },
      })
    ).spec;
  });
  afterAll(async () => t?.close());

  it('asks to investigate the card payment method during its outage', async () => {
    const recs = await during(incident('card-payment-failure-spike'), 'revenue', 12);
    const card = recs.find((r) => r.kind === 'investigate_payment_method' && r.target === 'method=card');
    expect(card).toBeDefined();
    expect(card!.priority).toBe('high');
    expect(card!.rationale).toMatch(/(payment failure rate|failed payments) at [\d.]+%? \(method=card\)/);
  });

  it('asks to fix the signup step during the completion regression', async () => {
    // its first hours: the detector's band adapts to the new level within a few hours (docs/algorithms.md)
    const recs = await during(incident('signup-completion-regression'), 'onboarding', 3);
    const fixes = recs.filter((r) => r.kind === 'fix_onboarding_step');
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.every((r) => /^source=(organic|paid_social|paid_search|referral)$/.test(r.target))).toBe(
      true,
    );
  });
});
