// Live: the exporter with demo data (the real CLI, embedded database) and a real Prometheus scraping it with
// the stack's configuration and rules; every dashboard and alert query, run through Prometheus's HTTP API,
// returns data.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { conditionExpr } from '../src/alerts/definition';
import { parseRuleFile, toAlertDefinition } from '../src/alerts/rule-file';
import { builtInAlertGroups, dashboards, ROOT, SAMPLE_RULE_FILE } from '../src/generate';
import { RECORDING_RULES } from '../src/recording-rules';
import { freePort } from '../../exporter/test/support/postgres-server';
import { panelExprs } from './promql';
import { describeIfBinaries, PROMETHEUS, PROMTOOL, tempFiles } from './support';

// Demo loading, analysis and scoring on a shared 2-core machine.
jest.setTimeout(420000);

const KPILENS = join(ROOT, '../exporter/bin/kpilens.js');

interface Proc {
  proc: ChildProcess;
  output: () => string;
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-20000));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return { proc, output: () => out };
}

async function stop(p: Proc | undefined): Promise<void> {
  if (!p || p.proc.exitCode !== null) return;
  const exited = new Promise((r) => p.proc.once('exit', r));
  p.proc.kill('SIGTERM');
  await exited;
}

async function waitUntil<T>(what: string, p: Proc, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (p.proc.exitCode !== null) throw new Error(`${what}: process exited\n${p.output()}`);
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${what}: not after ${ms} ms\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describeIfBinaries([PROMETHEUS, PROMTOOL], 'prometheus')(
  'the stack live: demo exporter and Prometheus',
  () => {
    let exporter: Proc | undefined;
    let prometheus: Proc | undefined;
    let promUrl = '';
    const dir = tempFiles({});

    afterAll(async () => {
      await stop(prometheus);
      await stop(exporter);
    });

    async function query(expr: string): Promise<unknown[]> {
      const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await r.json()) as { status: string; error?: string; data: { result: unknown[] } };
      if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
      return body.data.result;
    }

    it('answers every dashboard, variable, recording and alert query with data', async () => {
      const port = await freePort();
      const env = {
        KPILENS_DATA_DIR: join(dir, 'data'),
        KPILENS_LOG_LEVEL: 'warn',
        // analysis and scoring soon after the start, instead of hourly
        KPILENS_ANALYSIS_INTERVAL_MS: '15000',
        KPILENS_SCORING_INTERVAL_MS: '10000',
      };
      const demo = () =>
        start(
          process.execPath,
          [
            KPILENS,
            'demo',
            '--days',
            '42',
            '--live-interval',
            '5',
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
          ],
          env,
        );
      const demoKey = (p: Proc) =>
        waitUntil('demo exporter', p, async () => /^\s+(kl_\S+)$/m.exec(p.output())?.[1], 300000);
      // 1. six weeks of demo history (three weeks of warm-up before the incidents' insights) and the accounts
      exporter = demo();
      await demoKey(exporter);
      await stop(exporter);
      // 2. the weekly scoring of the last three months, as a running stack would have done it
      const backfill = start(
        process.execPath,
        [
          '-e',
          `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'backfill-scores.ts'))})`,
        ],
        env,
      );
      await new Promise((r) => backfill.proc.once('exit', r));
      expect({ status: backfill.proc.exitCode, out: backfill.output() }).toEqual({
        status: 0,
        out: expect.stringMatching(/^backfilled [1-9]\d* scores\n$/),
      });
      // 3. the demo again: it keeps the stored history, feeds live points, analyses and scores
      exporter = demo();
      const key = await demoKey(exporter);
      const url = `http://127.0.0.1:${port}`;

      // The stack's Prometheus configuration and rules; only the target, the intervals and paths differ.
      const config = parse(readFileSync(join(ROOT, 'prometheus/prometheus.yml'), 'utf8'));
      config.global = {
        ...config.global,
        scrape_interval: '1s',
        scrape_timeout: '1s',
        evaluation_interval: '1s',
      };
      config.scrape_configs = config.scrape_configs
        .filter((c: { job_name: string }) => c.job_name === 'kpilens')
        .map((c: object) => ({ ...c, static_configs: [{ targets: [`127.0.0.1:${port}`] }] }));
      mkdirSync(join(dir, 'rules'));
      for (const f of readdirSync(join(ROOT, 'prometheus/rules'))) {
        const rules = parse(readFileSync(join(ROOT, 'prometheus/rules', f), 'utf8'));
        for (const g of rules.groups) g.interval = '1s';
        writeFileSync(join(dir, 'rules', f), stringify(rules));
      }
      writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
      const promPort = await freePort();
      promUrl = `http://127.0.0.1:${promPort}`;
      prometheus = start(PROMETHEUS!, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--log.level=warn',
      ]);
      await waitUntil(
        'prometheus',
        prometheus,
        async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined),
        30000,
      );

      // What a live stack also sees: business events, and a point the exporter rejects.
      const post = (path: string, body: unknown) =>
        fetch(url + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        (
          await post('/api/v1/events', {
            type: 'payment',
            id: 'live-1',
            amount: 49,
            currency: 'EUR',
            status: 'succeeded',
            method: 'card',
            plan: 'pro',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await post('/api/v1/points/batch', {
            points: [{ modelName: 'marketing', metricName: 'ctr', value: 'x' }],
          })
        ).status,
      ).toBe(400);

      const boards = dashboards();
      const exprs = new Map<string, string>();
      for (const p of panelExprs(boards)) exprs.set(p.expr, `panel ${p.dashboard} / ${p.panel}`);
      for (const r of RECORDING_RULES) exprs.set(r.record, `recording rule ${r.record}`);
      const alerts = [
        ...builtInAlertGroups(boards).flatMap((g) => g.alerts),
        ...parseRuleFile(readFileSync(join(ROOT, SAMPLE_RULE_FILE), 'utf8')).map((r) => toAlertDefinition(r)),
      ];
      for (const a of alerts) {
        exprs.set(a.expr, `alert ${a.uid} (A)`);
        exprs.set(conditionExpr(a, true), `alert ${a.uid} (B)`);
      }
      // Dashboard variables: label_values(<selector>, <label>) is Prometheus's label values API.
      const variables = new Map<string, string>();
      for (const b of boards)
        for (const v of (b.templating as { list?: Array<{ query: unknown }> }).list ?? []) {
          const m = /^label_values\((.+), (\w+)\)$/.exec(String(v.query));
          if (m)
            variables.set(
              `${m[2]} of ${m[1]}`,
              `/api/v1/label/${m[2]}/values?match[]=${encodeURIComponent(m[1])}`,
            );
        }
      expect(variables.size).toBeGreaterThanOrEqual(6);

      // Everything returns data once the analysis and the scoring have run and been scraped.
      let missing: string[] = [];
      const deadline = Date.now() + 240000;
      do {
        missing = [];
        for (const [expr, where] of exprs)
          if ((await query(expr)).length === 0) missing.push(`${where}: ${expr}`);
        for (const [name, path] of variables) {
          const r = (await (await fetch(promUrl + path)).json()) as { data: string[] };
          if (r.data.length === 0) missing.push(`variable ${name}`);
        }
        if (missing.length) await new Promise((r) => setTimeout(r, 3000));
      } while (missing.length && Date.now() < deadline);
      expect(missing).toEqual([]);
      expect(exprs.size).toBeGreaterThan(60);
    });
  },
);
