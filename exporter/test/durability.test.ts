import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteDb } from '../src/db/pglite-db';
import { call } from './support/exporter-harness';

const BIN = join(__dirname, '..', 'bin', 'kpilens.js');

// Acknowledged writes survive the embedded database's process being killed without any shutdown.
describe('embedded database durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpilens-durable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged point after SIGKILL', async () => {
    const env = { ...process.env, KPILENS_DATA_DIR: dir, KPILENS_LOG_LEVEL: 'silent' };
    const created = spawnSync(process.execPath, [BIN, 'keys', 'create', '--org', 'acme'], {
      env,
      encoding: 'utf8',
    });
    const key = created.stdout.trim().split('\n').pop()!;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], { env });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /API\s+(http:\/\/[\d.:]+)\/api\/v1/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exporter exited early (${code}): ${out}`)));
    });
    let acknowledged = 0;
    for (let b = 0; b < 20; b++) {
      const points = Array.from({ length: 100 }, (_, i) => ({
        modelName: 'revenue',
        metricName: 'mrr',
        value: b * 100 + i,
        timestamp: 1_700_000_000_000 + (b * 100 + i) * 60_000,
      }));
      const r = await call(url, 'POST', '/api/v1/points/batch', { key, body: { points } });
      expect(r.status).toBe(200);
      acknowledged += r.body.accepted;
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const db = await PgliteDb.open(dir);
    try {
      const { rows } = await db.query<{ n: number; s: number }>(
        'SELECT count(*)::int AS n, sum(value)::float8 AS s FROM points',
      );
      expect(rows[0].n).toBe(acknowledged);
      expect(rows[0].s).toBe(((acknowledged - 1) * acknowledged) / 2);
    } finally {
      await db.close();
    }
  });
});
