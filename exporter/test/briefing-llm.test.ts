import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../src/config';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

jest.setTimeout(120_000);

// A real local server in the role of an OpenAI-compatible endpoint; `mode` says how it answers. The timeout
// leaves room for a loaded machine; 'slow' answers well after it.
let mode: 'rewrite' | 'fail' | 'slow' = 'rewrite';
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
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            choices: [
              { message: { role: 'assistant', content: `EXECUTIVE VERSION\n\n${body.messages[1].content}` } },
            ],
          }),
        );
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
