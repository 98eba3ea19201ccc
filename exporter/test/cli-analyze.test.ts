import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/db/migrate';
import { PgliteDb } from '../src/db/pglite-db';
import { ensureOrganization } from '../src/store/api-keys';
import { HISTORY_START, HOUR, hourlyPoints, writeHistory } from './support/kpi-history';

const BIN = join(__dirname, '..', 'bin', 'kpilens.js');

function kpilens(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KPILENS_LOG_LEVEL: 'silent', ...env },
    timeout: 60000,
  });
}

describe('kpilens analyze', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kpilens-cli-analyze-'));
    const db = await PgliteDb.open(dir);
    try {
      await migrate(db);
      const orgId = await ensureOrganization(db, 'acme');
      // Conversions halve over the last 10 hours of a 1000-hour history.
      await writeHistory(
        db,
        orgId,
        hourlyPoints('marketing', 'conversions', { platform: 'meta' }, 1000, 3, {
          from: 990,
          to: 1000,
          factor: 0.5,
        }),
      );
    } finally {
      await db.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyses a model as of a time and lists its active insights', () => {
    const asOf = new Date(HISTORY_START + 1000 * HOUR).toISOString();
    const r = kpilens(['analyze', 'marketing', '--org', 'acme', '--as-of', asOf], { KPILENS_DATA_DIR: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^marketing for acme: 1 series analysed, 1 insight\(s\) opened, 0 updated, 0 resolved/,
    );
    expect(r.stdout).toMatch(/\[(warning|critical)\] conversions below its expected range \(platform=meta\)/);
    // the model's recommendation from that insight, through the quality gate into the store
    expect(r.stdout).toMatch(/learning\(s\) shared, 1 recommendation\(s\) raised, 0 updated in \d+ ms/);
  });

  it('names the models when asked for an unknown one', () => {
    const r = kpilens(['analyze', 'sales', '--org', 'acme'], { KPILENS_DATA_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no KPI model "sales"; models: marketing, onboarding, revenue/);
  });
});
