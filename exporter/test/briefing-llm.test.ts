import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../src/config';
import { DEFAULT_LOOKBACK_DAYS, replayOrigin } from '../src/models/runner';
import { ensureOrganization } from '../src/store/api-keys';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { HOUR, hourlyPoints, writeHistory } from './support/kpi-history';

jest.setTimeout(120_000);

// A real local server in the role of an OpenAI-compatible endpoint; `mode` says how it answers. The timeout
// leaves room for a loaded machine; 'slow' answers well after it.
let mode: 'rewrite' | 'fail' | 'slow' | 'drop' = 'rewrite';
const requests: Array<{ path: string; model: string }> = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => {
      const body = JSON.parse(s) as { model: string; messages: Array<{ content: string }> };
      requests.push({ path: req.url ?? '', model: body.model });
      const reply = () => {
        if (res.destroyed) return;
        if (mode === 'fail') {
          res.writeHead(503).end('{}');
          return;
        }
        // 'drop': a rewrite that loses the figures, which must never replace the template
        const content =
          mode === 'drop' ? 'Something changed.' : `EXECUTIVE VERSION\n\n${body.messages[1].content}`;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      };
      setTimeout(reply, mode === 'slow' ? 8000 : 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('briefing narratives through an OpenAI-compatible endpoint', () => {
  let t: TestExporter;
  beforeAll(async () => {
    t = await startTestExporter('pglite', {
      KPILENS_LLM_URL: url,
      KPILENS_LLM_MODEL: 'stub-model',
      KPILENS_LLM_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => t?.stop());
  const briefing = async () =>
    (await call(t.url, 'GET', '/api/v1/briefing?week=2026-W10', { key: t.keyA })).body;

  it('serves the rewritten text, and the template when the endpoint fails or is too slow', async () => {
    mode = 'rewrite';
    const rewritten = await briefing();
    expect(rewritten.text).toMatch(
      /^EXECUTIVE VERSION\n\n# Weekly briefing: Week of 2 Mar 2026 to 8 Mar 2026/,
    );
    expect(requests.at(-1)).toEqual({ path: '/v1/chat/completions', model: 'stub-model' });
    mode = 'fail';
    const failed = await briefing();
    expect(rewritten.text).toBe(`EXECUTIVE VERSION\n\n${failed.text.trim()}`);
    mode = 'slow';
    expect((await briefing()).text).toBe(failed.text);
    // the structured parts never depend on the endpoint
    expect(failed.actions).toEqual(rewritten.actions);
  });

  it('refuses an endpoint without a model, or a URL that is not http(s)', () => {
    expect(() => loadConfig({ KPILENS_LLM_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ KPILENS_LLM_URL: url })).toThrow(/KPILENS_LLM_MODEL/);
    expect(() => loadConfig({ KPILENS_LLM_URL: 'ftp://x', KPILENS_LLM_MODEL: 'm' })).toThrow(
      /KPILENS_LLM_URL: expected an http:\/\/ or https:\/\/ URL/,
    );
  });
});

describe('insight messages through an OpenAI-compatible endpoint', () => {
  let t: TestExporter;
  let plain: TestExporter;
  // CPC 60 % higher over the last 20 hours, still going on: an open anomaly insight after each analysis.
  const seed = async (ex: TestExporter) => {
    const now = Date.now();
    const start = replayOrigin(now, DEFAULT_LOOKBACK_DAYS);
    const hours = Math.floor((now - start) / HOUR);
    const orgId = await ensureOrganization(ex.testDb.db, 'org-a');
    const dims = { platform: 'google', campaignId: 'product_launch' };
    await writeHistory(
      ex.testDb.db,
      orgId,
      hourlyPoints('marketing', 'cpc', dims, hours, 7, { from: hours - 20, to: hours, factor: 1.6 }, start),
    );
  };
  const insights = async (ex: TestExporter) => {
    expect((await call(ex.url, 'POST', '/api/v1/models/marketing/analyze', { key: ex.keyA })).status).toBe(
      200,
    );
    const r = await call(ex.url, 'GET', '/api/v1/insights?model=marketing&status=active', { key: ex.keyA });
    return r.body.insights as Array<{ id: number; message: string }>;
  };
  beforeAll(async () => {
    t = await startTestExporter('pglite', {
      KPILENS_LLM_URL: url,
      KPILENS_LLM_MODEL: 'stub-model',
      KPILENS_LLM_TIMEOUT_MS: '3000',
    });
    plain = await startTestExporter('pglite');
    await seed(t);
    await seed(plain);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await plain?.stop();
  });

  it('serves the rewritten message after a run, and the template when the endpoint fails or drops a figure', async () => {
    // the same data without an endpoint: the deterministic templates
    const templates = await insights(plain);
    expect(templates.length).toBeGreaterThan(0);
    const template = new Map(templates.map((i) => [i.message, i]));

    mode = 'fail';
    const failed = await insights(t);
    expect(failed.map((i) => i.message).sort()).toEqual([...template.keys()].sort());
    mode = 'drop';
    expect((await insights(t)).map((i) => i.message).sort()).toEqual([...template.keys()].sort());

    mode = 'rewrite';
    const before = requests.length;
    const rewritten = await insights(t);
    expect(requests.length - before).toBe(rewritten.length);
    for (const i of rewritten) {
      expect(i.message).toMatch(/^EXECUTIVE VERSION\n\n/);
      expect(template.has(i.message.replace(/^EXECUTIVE VERSION\n\n/, ''))).toBe(true);
    }
    // a rewrite is made once per template text: a run that finds the same condition asks nothing again
    const sent = requests.length;
    mode = 'fail';
    expect((await insights(t)).map((i) => i.message)).toEqual(rewritten.map((i) => i.message));
    expect(requests.length).toBe(sent);
  });
});
