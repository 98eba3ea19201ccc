import type { KpiPoint } from '@kpilens/contract';
import type { Db } from '../db/db';
import { normalizePoints, type TimeBounds } from '../ingest/normalize-points';
import { createApiKey, ensureOrganization, listApiKeys, revokeApiKey } from '../store/api-keys';
import { writePoints } from '../store/points';
import { runRollups } from '../store/rollups';
import { SeriesRegistry } from '../store/series';
import { DemoGenerator } from './generate';
import { DAY_MS, HOUR_MS, floorHour, historyEnd, specEndingAt, type DemoSpec } from './timeline';

export const DEMO_KEY_NAME = 'demo';
const DEMO_MODELS = ['marketing', 'onboarding', 'revenue', 'engagement'];
/** About 10k points a transaction: large enough for set-based inserts, small enough to keep memory flat. */
const CHUNK_HOURS = 72;

export interface DemoKey {
  orgId: number;
  key: string;
  keyId: string;
  /** earlier demo keys revoked now (their secrets cannot be shown again, so they are replaced) */
  revoked: string[];
}

/** A fresh ingest+read key for the demo organization; earlier demo keys are revoked, not piled up. */
export async function issueDemoKey(db: Db, orgSlug: string): Promise<DemoKey> {
  return db.transaction(async (tx) => {
    const orgId = await ensureOrganization(tx, orgSlug);
    const revoked: string[] = [];
    for (const k of await listApiKeys(tx, orgSlug))
      if (k.name === DEMO_KEY_NAME && !k.revokedAt && (await revokeApiKey(tx, k.keyId)))
        revoked.push(k.keyId);
    const { key, keyId } = await createApiKey(tx, orgSlug, DEMO_KEY_NAME, ['ingest', 'read']);
    return { orgId, key, keyId, revoked };
  });
}

export interface LoadReport {
  /** 'history': an empty organization got its history; 'catch-up': the hours since the last run were added */
  mode: 'history' | 'catch-up';
  /** true when stopped through `signal` before every chunk was written */
  interrupted: boolean;
  spec: DemoSpec;
  fromMs: number;
  toMs: number;
  points: number;
  inserted: number;
  writeMs: number;
  rollupMs: number;
}

/**
 * The history already stored for the organization, if any. Its spec is recovered from the data: the
 * first point is the history's start, and the series were created (within seconds) at its end, so a
 * re-run needs no state of its own and places the incidents where the first run put them.
 */
async function storedHistory(
  db: Db,
  orgId: number,
  seed: number,
): Promise<{ spec: DemoSpec; lastMs: number } | null> {
  const { rows } = await db.query<{ first: Date | null; created: Date | null; last: Date | null }>(
    `SELECT min((SELECT min(p.ts) FROM points p WHERE p.series_id = s.id)) AS first,
            min(s.created_at) AS created, max(s.last_ts) AS last
     FROM series s WHERE s.org_id = $1 AND s.model = ANY($2::text[])`,
    [orgId, DEMO_MODELS],
  );
  const r = rows[0];
  if (!r?.first || !r.created || !r.last) return null;
  const startMs = new Date(r.first).getTime();
  const days = Math.max(1, Math.round((floorHour(new Date(r.created).getTime()) - startMs) / DAY_MS));
  return { spec: { seed, startMs, days }, lastMs: new Date(r.last).getTime() };
}

/** Validates generated points as the API would and writes them through the API's store path, in one transaction. */
export async function writeDemoPoints(
  db: Db,
  registry: SeriesRegistry,
  orgId: number,
  points: KpiPoint[],
  bounds: TimeBounds,
): Promise<number> {
  const { points: normalized, errors } = normalizePoints(points, bounds);
  if (errors.length > 0)
    throw new Error(`demo generator produced invalid points: ${JSON.stringify(errors.slice(0, 3))}`);
  const outcome = await db.transaction((tx) => writePoints(tx, registry, orgId, normalized));
  registry.remember(orgId, outcome.created);
  return outcome.inserted;
}

export interface LoadOptions {
  orgId: number;
  nowMs: number;
  days: number;
  seed: number;
  bounds: Omit<TimeBounds, 'nowMs'>;
  registry?: SeriesRegistry;
  onProgress?: (doneHours: number, totalHours: number) => void;
  /** Stops between chunks: what was written stays, and the next load resumes after it. */
  signal?: AbortSignal;
}

/**
 * Loads the demo history into an organization without data, or, when it has some, only the complete
 * hours since its last point (a re-run never loads anything twice; an interrupted load resumes). Chunks
 * are written oldest first, each in its own transaction; the rollups are brought up to date at the end.
 */
export async function loadDemo(db: Db, opts: LoadOptions): Promise<LoadReport> {
  const stored = await storedHistory(db, opts.orgId, opts.seed);
  const spec = stored?.spec ?? specEndingAt(opts.nowMs, opts.days, opts.seed);
  const fromMs = stored ? floorHour(stored.lastMs) : spec.startMs;
  const toMs = stored ? Math.max(fromMs, floorHour(opts.nowMs)) : historyEnd(spec);
  const gen = new DemoGenerator(spec);
  const registry = opts.registry ?? new SeriesRegistry();
  const totalHours = (toMs - fromMs) / HOUR_MS;
  let points = 0;
  let inserted = 0;
  const t0 = Date.now();
  for (let t = fromMs; t < toMs; t += CHUNK_HOURS * HOUR_MS) {
    if (opts.signal?.aborted) break;
    const chunk = gen.range(t, Math.min(toMs, t + CHUNK_HOURS * HOUR_MS));
    points += chunk.length;
    inserted += await writeDemoPoints(db, registry, opts.orgId, chunk, {
      ...opts.bounds,
      nowMs: Math.max(Date.now(), opts.nowMs),
    });
    opts.onProgress?.(Math.min(totalHours, (t - fromMs) / HOUR_MS + CHUNK_HOURS), totalHours);
  }
  const t1 = Date.now();
  while ((await runRollups(db)) > 0);
  return {
    mode: stored ? 'catch-up' : 'history',
    interrupted: opts.signal?.aborted === true,
    spec,
    fromMs,
    toMs,
    points,
    inserted,
    writeMs: t1 - t0,
    rollupMs: Date.now() - t1,
  };
}
