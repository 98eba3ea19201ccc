import pino from 'pino';
import { loadConfig, type Config } from '../../src/config';
import { createApiKey } from '../../src/store/api-keys';
import { startExporter, type RunningExporter } from '../../src/server';
import { openTestDb, type BackendName, type TestDb } from './backends';

export interface TestExporter {
  running: RunningExporter;
  testDb: TestDb;
  url: string;
  config: Config;
  /** keys of two organizations, for isolation tests */
  keyA: string;
  keyB: string;
  readOnlyKeyA: string;
  stop(): Promise<void>;
}

/** A real exporter on a free port over a fresh database of the given backend. */
export async function startTestExporter(
  backend: BackendName,
  env: Record<string, string> = {},
): Promise<TestExporter> {
  const testDb = await openTestDb(backend);
  const config = loadConfig({
    KPILENS_PORT: '0',
    KPILENS_HOST: '127.0.0.1',
    KPILENS_LOG_LEVEL: 'silent',
    KPILENS_KEY_CACHE_TTL_MS: '0',
    KPILENS_ROLLUP_INTERVAL_MS: '200',
    ...(testDb.url ? { DATABASE_URL: testDb.url } : { KPILENS_DATA_DIR: testDb.dataDir! }),
    ...env,
  });
  const running = await startExporter(config, { db: testDb.db, log: pino({ level: 'silent' }) });
  const keyA = (await createApiKey(testDb.db, 'org-a', 'a', ['ingest', 'read'])).key;
  const keyB = (await createApiKey(testDb.db, 'org-b', 'b', ['ingest', 'read'])).key;
  const readOnlyKeyA = (await createApiKey(testDb.db, 'org-a', 'ro', ['read'])).key;
  return {
    running,
    testDb,
    url: running.url,
    config,
    keyA,
    keyB,
    readOnlyKeyA,
    stop: async () => {
      await running.stop();
      await testDb.close();
    },
  };
}

export interface Res {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A small HTTP client over fetch; `body` may be a string (sent as is) or a value (sent as JSON). */
export async function call(
  url: string,
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const r = await fetch(url + path, { method, headers, body });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: r.status, headers: r.headers, body: parsed };
}
