import { spawn, type ChildProcess } from 'child_process';
import http from 'http';
import path from 'path';

// The exporter's own fixture (exporter/src/testing/fixture-exporter.ts): a real exporter over a fresh real
// database, in a child process, because a jsdom test environment cannot host Fastify and a database driver.
const EXPORTER_DIR = path.resolve(__dirname, '..', '..', 'exporter');
const FIXTURE = path.join(EXPORTER_DIR, 'src', 'testing', 'fixture-exporter.ts');

export type Scope = 'ingest' | 'read' | 'admin';

export interface RealExporter {
  url: string;
  database: 'postgres' | 'pglite';
  /** API keys by the names given in `keys`. */
  keys: Record<string, string>;
  /** Stops the exporter and removes its database. */
  stop(): Promise<void>;
}

/** A direct call to the exporter's API (to load test data), JSON in and out; throws on a non-2xx answer. */
export function callExporter<T = unknown>(
  exporter: Pick<RealExporter, 'url'>,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${exporter.url}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(data !== undefined ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new Error(`${method} ${path}: ${status} ${text}`));
            return;
          }
          resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Starts a real exporter with the given API keys (name -> organization and scopes) and exporter
 * environment; resolves once it listens. PostgreSQL when installed, PGlite otherwise.
 */
export function startRealExporter(
  keys: Record<string, { org: string; scopes: Scope[] }>,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<RealExporter> {
  const tsx = require.resolve('tsx/cjs/api', { paths: [EXPORTER_DIR] });
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(FIXTURE)});`],
    {
      cwd: EXPORTER_DIR,
      env: { ...process.env, NODE_ENV: 'production', KPILENS_FIXTURE_SPEC: JSON.stringify({ keys, env }) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the fixture exporter did not start within ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    child.stderr!.on('data', (d) => (err += String(d)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('KPILENS_FIXTURE '));
      if (line) {
        clearTimeout(timer);
        const info = JSON.parse(line.slice('KPILENS_FIXTURE '.length));
        resolve({ ...info, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      // The end of its stderr says why (the start may be a long minified source line of the loader).
      const tail = err
        .split('\n')
        .filter((l) => l.length < 500)
        .slice(-20)
        .join('\n');
      reject(new Error(`the fixture exporter exited (${code}) before listening:\n${tail}`));
    });
  });
}
