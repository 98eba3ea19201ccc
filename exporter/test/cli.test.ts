import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

const BIN = join(__dirname, '..', 'bin', 'kpilens.js');

function kpilens(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KPILENS_LOG_LEVEL: 'silent', ...env },
    timeout: 60000,
  });
}

describe('kpilens CLI', () => {
  it('has --help for every command', () => {
    for (const cmd of [
      [],
      ['serve'],
      ['migrate'],
      ['keys', 'create'],
      ['keys', 'list'],
      ['keys', 'revoke'],
    ]) {
      const r = kpilens([...cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: kpilens/);
    }
  });

  it('stops at start on a bad setting, naming the variable and what was expected', () => {
    const r = kpilens(['serve'], { KPILENS_PORT: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/KPILENS_PORT: expected an integer from 0 to 65535, got "abc"/);
    const r2 = kpilens(['migrate'], { DATABASE_URL: 'mysql://x' });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('creates, lists and revokes keys on the embedded database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpilens-cli-'));
    try {
      const env = { KPILENS_DATA_DIR: dir };
      const created = kpilens(
        ['keys', 'create', '--org', 'acme', '--name', 'etl', '--scopes', 'ingest'],
        env,
      );
      expect(created.status).toBe(0);
      const key = created.stdout.trim().split('\n').pop()!;
      expect(key).toMatch(/^kl_[a-z0-9]{12}_/);
      const keyId = key.split('_')[1];
      const listed = kpilens(['keys', 'list'], env);
      expect(listed.stdout).toContain(keyId);
      expect(listed.stdout).not.toContain(key);
      expect(listed.stdout).toMatch(/active/);
      expect(kpilens(['keys', 'create', '--org', 'acme', '--scopes', 'write'], env).stderr).toMatch(
        /--scopes: expected/,
      );
      expect(kpilens(['keys', 'revoke', keyId], env).stdout).toContain(`revoked ${keyId}`);
      expect(kpilens(['keys', 'list'], env).stdout).toMatch(/revoked/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OpenAPI and docs', () => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter('pglite');
  });
  afterAll(async () => t?.stop());

  it('describes every API route in OpenAPI 3, publicly', async () => {
    const r = await call(t.url, 'GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/points',
      '/api/v1/points/batch',
      '/api/v1/series',
      '/api/v1/query',
      '/api/v1/whoami',
    ])
      expect(Object.keys(r.body.paths)).toContain(p);
    expect(r.body.paths['/api/v1/points'].post.requestBody).toBeDefined();
  });

  it('serves browsable docs', async () => {
    const r = await fetch(`${t.url}/docs/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/swagger/i);
  });
});
