import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { figures, NarrativeWriter } from './llm';

// A real HTTP server standing in for an OpenAI-compatible endpoint: it answers what each test asks for.
let server: Server;
let url: string;
let answer: (body: { model: string; messages: Array<{ role: string; content: string }> }) => {
  status: number;
  json?: unknown;
  delayMs?: number;
};
const seen: Array<{ path: string; auth?: string; body: unknown }> = [];

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
    const a = answer(body);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.json ?? {}));
    }, a.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => (seen.length = 0));

const chat = (content: string) => ({
  status: 200,
  json: { choices: [{ message: { role: 'assistant', content } }] },
});
const TEMPLATE = 'CPL at 45 EUR (platform=meta) where 30 EUR was expected (+50%).';

describe('NarrativeWriter', () => {
  it('uses the endpoint’s rewrite, sending the model, the language and the key', async () => {
    answer = (b) => chat(`Meta leads now cost 45 EUR each instead of 30 EUR (+50%) [${b.model}]`);
    const w = new NarrativeWriter({ url, model: 'small-model', apiKey: 'sk-test', timeoutMs: 2000 });
    const out = await w.rewrite(TEMPLATE, 'fr');
    expect(out).toEqual({
      text: 'Meta leads now cost 45 EUR each instead of 30 EUR (+50%) [small-model]',
      rewritten: true,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].path).toBe('/v1/chat/completions');
    expect(seen[0].auth).toBe('Bearer sk-test');
    const body = seen[0].body as { messages: Array<{ role: string; content: string }>; temperature: number };
    expect(body.messages[0].content).toContain('French');
    expect(body.messages[1]).toEqual({ role: 'user', content: TEMPLATE });
  });

  it('falls back to the template on an error status, a timeout, an empty answer or a lost figure', async () => {
    const w = new NarrativeWriter({ url, model: 'm', timeoutMs: 300 });
    answer = () => ({ status: 500, json: { error: 'boom' } });
    expect(await w.rewrite(TEMPLATE, 'en')).toEqual({
      text: TEMPLATE,
      rewritten: false,
      fallbackReason: 'endpoint answered 500',
    });
    answer = () => ({ ...chat('late'), delayMs: 1500 });
    expect(await w.rewrite(TEMPLATE, 'en')).toEqual({
      text: TEMPLATE,
      rewritten: false,
      fallbackReason: 'no answer within 300 ms',
    });
    answer = () => ({ status: 200, json: { choices: [] } });
    expect((await w.rewrite(TEMPLATE, 'en')).rewritten).toBe(false);
    answer = () => chat('Meta leads got much more expensive.');
    expect(await w.rewrite(TEMPLATE, 'en')).toMatchObject({
      text: TEMPLATE,
      rewritten: false,
      fallbackReason: 'the rewrite dropped figure(s) 45, 30, 50',
    });
  });

  it('falls back when nothing listens at the URL, and does nothing without an endpoint', async () => {
    const dead = new NarrativeWriter({ url: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 1000 });
    expect(await dead.rewrite(TEMPLATE, 'en')).toMatchObject({ text: TEMPLATE, rewritten: false });
    expect(await new NarrativeWriter().rewrite(TEMPLATE, 'en')).toEqual({ text: TEMPLATE, rewritten: false });
    expect(seen).toHaveLength(0);
  });

  it('reads figures however the language groups and separates them', () => {
    expect(figures('1 234,5 € et 12 %')).toEqual(['12345', '12']);
    expect(figures('1,234.5 EUR and 12%')).toEqual(['12345', '12']);
  });
});
