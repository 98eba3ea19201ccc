import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'exporter', 'bin', 'kpilens.js');

export interface DemoExporter {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The demo organization's key (ingest, read). */
  key: string;
  /** GET or POST `/api/v1<path>` with the key; rejects on a non-2xx answer with its body. */
  api<T>(method: 'GET' | 'POST' | 'PUT', apiPath: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Days of KPI history (insights need about three weeks of warm-up). Default 30. */
  days?: number;
  /** Run every KPI model's analysis and wait for the first risk scores. Default true. */
  analyse?: boolean;
}

function request(
  url: string,
  method: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function waitForStart(child: ChildProcess, timeoutMs: number): Promise<{ url: string; key: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`the demo exporter did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(new Error(`${e.message}\n${out}\n${err}`));
    };
    child.stderr?.on('data', (d) => (err += d));
    child.stdout?.on('data', (d) => {
      out += d;
      const url = /API\s+(http:\/\/[^\s/]+)\/api\/v1/.exec(out)?.[1];
      const key = /Demo API key[^\n]*\n\s+(\S+)/.exec(out)?.[1];
      if (url && key) {
        clearTimeout(timer);
        resolve({ url, key });
      }
    });
    child.once('exit', (code) => fail(new Error(`the demo exporter exited with code ${code}`)));
  });
}

/**
 * A real KPI Lens exporter (`kpilens demo`, embedded PGlite in a temporary folder) with months of KPI
 * history, 200 payment accounts scored weekly over the last 13 weeks, the analysis of every KPI model run
 * once and the accounts scored: the data the plugins show, for tests and screenshots.
 */
export async function startDemoExporter(options: DemoOptions = {}): Promise<DemoExporter> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-demo-'));
  const child = spawn(
    process.execPath,
    [
      CLI,
      'demo',
      '--days',
      String(options.days ?? 30),
      // Weekly scores of the last three months: score histories and a live AUC to show.
      '--score-weeks',
      '13',
      // One live update at the start (the current hour so far, through the API's write path: an ingestion
      // rate to show), none after it while tests run.
      '--live-interval',
      '3600',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KPILENS_DATA_DIR: dataDir,
        KPILENS_LOG_LEVEL: 'warn',
        // Score every account at once instead of at the next hourly slot; analysis is run below.
        KPILENS_SCORING_INTERVAL_MS: '2000',
        KPILENS_ANALYSIS_INTERVAL_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { url, key } = await waitForStart(child, 300_000);
    const api = async <T>(method: 'GET' | 'POST' | 'PUT', apiPath: string, body?: unknown): Promise<T> => {
      const res = await request(`${url}/api/v1${apiPath}`, method, key, body);
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`${method} ${apiPath}: HTTP ${res.status} ${res.text}`);
      }
      return (res.text ? JSON.parse(res.text) : null) as T;
    };
    if (options.analyse ?? true) {
      const { models } = await api<{ models: Array<{ name: string }> }>('GET', '/models');
      for (const model of models) {
        await api('POST', `/models/${encodeURIComponent(model.name)}/analyze`);
      }
      const deadline = Date.now() + 120_000;
      while ((await api<{ total: number }>('GET', '/risk/scores?limit=1')).total === 0) {
        if (Date.now() > deadline) {
          throw new Error('no risk scores two minutes after the demo exporter started');
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    return { url, key, api, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
