import type { KpiPoint } from '@kpilens/contract';
import { PgDb } from '../src/db/pg-db';
import { loadModelCatalog } from '../src/models/catalog';
import { analyzeModel } from '../src/models/runner';
import { ensureOrganization } from '../src/store/api-keys';
import { openTestDb, type TestDb } from './support/backends';
import { describeIfBinaries } from './support/binaries';
import { HISTORY_START, HOUR, hourlyPoints, ctrLeadingSignups, writeHistory } from './support/kpi-history';
import { PG_BIN } from './support/postgres-server';

// Two replicas on one PostgreSQL: every kind of result (insights of each type, forecasts, learnings) is
// written once, whichever replica runs, however often and however concurrently.
jest.setTimeout(240_000);
const HOURS = 70 * 24;
const at = (h: number) => HISTORY_START + h * HOUR;
const NOW = at(HOURS);
const catalog = loadModelCatalog();

/**
 * Marketing CPC on four platforms, Meta's up by 60 % over the last six days (an anomaly, a peer outlier
 * and a week-over-week change); onboarding completions per source following Google's daily CTR two days
 * later (a learning marketing publishes and onboarding uses).
 */
function history(): KpiPoint[] {
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
      ),
    ),
  );
  pts.push(...ctrLeadingSignups(HOURS));
  return pts;
}

interface Snapshot {
  insights: Array<{ type: string; condition_key: string; status: string }>;
  forecasts: number;
  learnings: Array<{ leader_series_id: number; follower_series_id: number }>;
}

async function snapshot(db: TestDb['db'], orgId: number): Promise<Snapshot> {
  const insights = await db.query<Snapshot['insights'][number]>(
    'SELECT type, condition_key, status FROM insights WHERE org_id = $1 ORDER BY id',
    [orgId],
  );
  const forecasts = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM forecasts WHERE org_id = $1',
    [orgId],
  );
  const learnings = await db.query<Snapshot['learnings'][number]>(
    'SELECT leader_series_id, follower_series_id FROM learnings WHERE org_id = $1 ORDER BY id',
    [orgId],
  );
  return { insights: insights.rows, forecasts: forecasts.rows[0].n, learnings: learnings.rows };
}

describeIfBinaries([PG_BIN.initdb, PG_BIN.postgres], 'postgresql')('two replicas on one PostgreSQL', () => {
  let t: TestDb;
  let replica: PgDb;
  let orgId: number;
  beforeAll(async () => {
    t = await openTestDb('postgres');
    replica = new PgDb({
      connectionString: t.url!,
      max: 4,
      connectionTimeoutMillis: 3000,
      statementTimeoutMillis: 60000,
    });
    orgId = await ensureOrganization(t.db, 'org-a');
    await writeHistory(t.db, orgId, history());
  }, 120_000);
  afterAll(async () => {
    await replica?.close();
    await t?.close();
  });

  it('analyses each model once at a time and writes every insight type, forecast and learning once', async () => {
    const run = (db: TestDb['db'], name: string) =>
      analyzeModel(db, orgId, catalog.get(name)!, { nowMs: NOW, catalog });
    // Both replicas, twice each, every model at once.
    const results = await Promise.all(
      ['marketing', 'onboarding', 'marketing', 'onboarding'].flatMap((name) => [
        run(t.db, name),
        run(replica, name),
      ]),
    );
    expect(results.some((r) => r.model === 'marketing' && r.ran)).toBe(true);
    // Onboarding uses what marketing published: one more pass now that marketing's learnings are stored.
    await run(replica, 'onboarding');
    const first = await snapshot(t.db, orgId);
    const types = new Set(first.insights.map((i) => i.type));
    for (const type of ['anomaly', 'peer_outlier', 'trend_change', 'learning']) expect(types).toContain(type);
    // One unresolved insight per condition; one forecast per series; one learning per pair.
    const open = first.insights.filter((i) => i.status !== 'resolved').map((i) => i.condition_key);
    expect(new Set(open).size).toBe(open.length);
    expect(first.forecasts).toBe(6);
    const pairs = first.learnings.map((l) => `${l.leader_series_id}>${l.follower_series_id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.length).toBeGreaterThanOrEqual(1);

    // The same analyses again, concurrently from both replicas: nothing new, nothing twice.
    await Promise.all(
      ['marketing', 'onboarding'].flatMap((name) => [
        run(t.db, name),
        run(replica, name),
        run(replica, name),
      ]),
    );
    expect(await snapshot(t.db, orgId)).toEqual(first);
  });
});
