import type { KpiPoint } from '@kpilens/contract';
import type { Db } from '../src/db/db';
import { loadMigrations, migrate } from '../src/db/migrate';
import { normalizePoints } from '../src/ingest/normalize-points';
import { writePoints } from '../src/store/points';
import { pendingRollups, runRollups } from '../src/store/rollups';
import { SeriesRegistry } from '../src/store/series';
import { eachBackend, openTestDb, type TestDb } from './support/backends';
import { rollupMismatches } from './support/rollup-check';

const T0 = Date.UTC(2026, 9, 1, 9, 58, 0);
const BOUNDS = { nowMs: Date.UTC(2026, 10, 1), minMs: 0, maxFutureSkewMs: 0 };

/** `ticks` points 7 s apart per region (they cross minute and hour boundaries), from tick `from`. */
function feed(regions: number, from: number, ticks: number, offset = 0): KpiPoint[] {
  const out: KpiPoint[] = [];
  for (let t = from; t < from + ticks; t++)
    for (let r = 0; r < regions; r++)
      out.push({
        modelName: 'revenue',
        metricName: 'mrr',
        value: ((t * 31 + r * 17) % 101) + offset,
        timestamp: T0 + t * 7000,
        region: `r${r}`,
      });
  return out;
}

async function write(db: Db, registry: SeriesRegistry, raw: KpiPoint[]) {
  const { points, errors } = normalizePoints(raw, BOUNDS);
  expect(errors).toEqual([]);
  const outcome = await db.transaction((tx) => writePoints(tx, registry, 1, points));
  registry.remember(1, outcome.created);
  return outcome;
}

// The rollup pass merges the minute aggregates of new points and recomputes minutes with replaced points;
// whatever the interleaving of writes and passes, every bucket must equal an aggregation of the raw points.
eachBackend('rollup pass', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb(backend);
    await t.db.query(`INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme')`);
  });
  afterEach(() => t.close());

  it('merges the aggregates of new points, batch by batch, into the same rollups as the raw points', async () => {
    const registry = new SeriesRegistry();
    for (let b = 0; b < 6; b++) {
      const outcome = await write(t.db, registry, feed(3, b * 5, 5));
      expect(outcome.inserted).toBe(15);
      // one batch a pass: each pass adds to minutes an earlier pass already stored
      if (b % 2 === 1) while ((await runRollups(t.db, { batch: 1 })) > 0);
    }
    while ((await runRollups(t.db, { batch: 1 })) > 0);
    expect(await rollupMismatches(t.db)).toEqual([]);
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rollups WHERE resolution = 60',
    );
    expect(rows[0].n).toBeGreaterThan(6);
  });

  it('recomputes from the points when a batch replaced points, taking the batches queued behind it too', async () => {
    const registry = new SeriesRegistry();
    await write(t.db, registry, feed(2, 0, 10));
    while ((await runRollups(t.db)) > 0);
    // new points, then corrections of old and new ones (values change), then new points again
    await write(t.db, registry, feed(2, 10, 10));
    const fixed = await write(t.db, new SeriesRegistry(), feed(2, 5, 10, 1000));
    expect(fixed.updated).toBe(20);
    await write(t.db, registry, feed(2, 20, 10));
    // a read for one series folds its own pending writes first
    const { rows: ids } = await t.db.query<{ id: number }>('SELECT id FROM series ORDER BY id LIMIT 1');
    expect(await pendingRollups(t.db, [ids[0].id])).toBe(3);
    const passes: number[] = [];
    for (let n; (n = await runRollups(t.db, { seriesIds: [ids[0].id], batch: 1 })) > 0;) passes.push(n);
    // a merge pass of one batch, then a recompute pass of the two left (the correction and what follows it)
    expect(passes).toEqual([1, 2]);
    expect(await pendingRollups(t.db, [ids[0].id])).toBe(0);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('stays exact with writes, corrections and passes running at once', async () => {
    const registry = new SeriesRegistry();
    const work: Array<Promise<unknown>> = [];
    for (let b = 0; b < 12; b++) {
      work.push(write(t.db, registry, feed(4, b * 4, 4)));
      if (b % 3 === 2) work.push(write(t.db, new SeriesRegistry(), feed(4, (b - 2) * 4, 6, b)));
      work.push(runRollups(t.db, { batch: 2 }));
    }
    await Promise.all(work);
    while ((await runRollups(t.db)) > 0);
    expect(await rollupMismatches(t.db)).toEqual([]);
  });

  it('keeps the entries queued before the queue held one row per batch (migration 010)', async () => {
    const old = await openTestDb(backend, { migrate: false });
    try {
      await migrate(
        old.db,
        loadMigrations().filter((m) => m.version < 10),
      );
      await old.db.query(`INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme')`);
      const registry = new SeriesRegistry();
      const { points } = normalizePoints(feed(2, 0, 3), BOUNDS);
      // a write of the old code: points plus one queue row per series and range
      await old.db.transaction(async (tx) => {
        const { ids } = await registry.resolve(tx, 1, points);
        for (const p of points)
          await tx.query(
            'INSERT INTO points (series_id, ts, value) VALUES ($1, to_timestamp($2::float8 / 1000), $3)',
            [ids.get(p.seriesKey), p.ts, p.value],
          );
        for (const id of new Set(ids.values()))
          await tx.query(
            'INSERT INTO rollup_queue (series_id, from_ts, to_ts) VALUES ($1, to_timestamp($2::float8 / 1000), to_timestamp($3::float8 / 1000))',
            [id, T0, T0 + 14_000],
          );
      });
      await migrate(old.db);
      expect(await runRollups(old.db)).toBe(1);
      expect(await rollupMismatches(old.db)).toEqual([]);
      const { rows } = await old.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rollups');
      expect(rows[0].n).toBe(6);
    } finally {
      await old.close();
    }
  });
});
