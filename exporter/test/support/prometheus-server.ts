import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from './binaries';
import { freePort } from './postgres-server';

export const PROMETHEUS_BIN = {
  prometheus: findBinary('prometheus'),
  promtool: findBinary('promtool'),
};

export interface ScrapeTarget {
  /** host:port */
  target: string;
  /** bearer token Prometheus sends (KPILENS_METRICS_TOKEN) */
  token?: string;
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** A throwaway Prometheus (temp config and storage, free port) scraping one target every second. */
export class PrometheusServer {
  private proc: ChildProcess | null = null;
  private output = '';
  readonly dir = mkdtempSync(join(tmpdir(), 'kpilens-prom-'));
  port = 0;

  static async start(scrape: ScrapeTarget): Promise<PrometheusServer> {
    const s = new PrometheusServer();
    await s.launch(scrape);
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async launch(scrape: ScrapeTarget): Promise<void> {
    const auth = scrape.token
      ? `    authorization:\n      credentials: ${JSON.stringify(scrape.token)}\n`
      : '';
    writeFileSync(
      join(this.dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n` +
        `scrape_configs:\n  - job_name: kpilens\n${auth}    static_configs:\n` +
        `      - targets: [${JSON.stringify(scrape.target)}]\n`,
    );
    this.port = await freePort();
    this.proc = spawn(
      PROMETHEUS_BIN.prometheus!,
      [
        `--config.file=${join(this.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(this.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${this.port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Kept for the failure message: a Prometheus that will not start says why on stderr.
    const keep = (b: Buffer) => (this.output = (this.output + b.toString()).slice(-4000));
    this.proc.stdout!.on('data', keep);
    this.proc.stderr!.on('data', keep);
    const deadline = Date.now() + 30000;
    for (;;) {
      if (this.proc.exitCode !== null) throw new Error(`prometheus exited: ${this.output}`);
      try {
        if ((await fetch(`${this.url}/-/ready`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`prometheus not ready after 30 s: ${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** An instant query through the HTTP API (/api/v1/query). */
  async query(expr: string): Promise<PromSample[]> {
    const r = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await r.json()) as { status: string; error?: string; data?: { result: PromSample[] } };
    if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error}`);
    return body.data!.result;
  }

  /** Polls a query until `ok` accepts its result; throws with the last result after `timeoutMs`. */
  async waitFor(expr: string, ok: (r: PromSample[]) => boolean, timeoutMs = 20000): Promise<PromSample[]> {
    const deadline = Date.now() + timeoutMs;
    let last: PromSample[] = [];
    for (;;) {
      last = await this.query(expr);
      if (ok(last)) return last;
      if (Date.now() > deadline)
        throw new Error(
          `${expr}: condition not met after ${timeoutMs} ms; last result ${JSON.stringify(last)}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
