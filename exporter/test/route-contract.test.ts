import { createApiKey } from '../src/store/api-keys';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';

// Contract checks that every API route must pass, driven by the exporter's own OpenAPI description so that
// a route added later is covered without touching this file.

interface Route {
  method: string;
  template: string;
  path: string;
  op: {
    parameters?: Array<{ in: string; name: string; required?: boolean; schema?: { type?: string } }>;
    requestBody?: { content?: Record<string, unknown> };
  };
}

/** A concrete path for a templated one: ids that exist nowhere, names that look right. */
function concrete(template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => (/id$/i.test(name) ? '987654' : 'marketing'));
}

function expectApiError(status: number, body: unknown, where: string) {
  expect({ where, status }).toEqual({ where, status: expect.any(Number) as number });
  const b = body as { statusCode?: unknown; message?: unknown };
  expect({ where, statusCode: b.statusCode, message: typeof b.message }).toEqual({
    where,
    statusCode: status,
    message: 'string',
  });
}

describe('every API route, from the OpenAPI description', () => {
  let t: TestExporter;
  let routes: Route[] = [];
  // every scope: the checks below are about input, not permissions
  let key = '';
  beforeAll(async () => {
    t = await startTestExporter('postgres');
    key = (await createApiKey(t.testDb.db, 'org-a', 'all', ['ingest', 'read', 'admin'])).key;
    const doc = (await call(t.url, 'GET', '/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, Route['op']>>;
    };
    routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        path: concrete(template),
        op,
      })),
    );
  });
  afterAll(() => t.stop());

  const apiRoutes = () =>
    routes.filter((r) => r.template.startsWith('/api/v1/') && !r.template.endsWith('openapi.json'));

  it('describes the API routes', () => {
    expect(apiRoutes().length).toBeGreaterThan(20);
  });

  it('answers 401 with an error body to every API request without a valid key', async () => {
    for (const r of apiRoutes()) {
      for (const key of [undefined, 'kl_nope_secret']) {
        const res = await call(t.url, r.method, r.path, { key, body: r.method === 'GET' ? undefined : {} });
        expect({ route: `${r.method} ${r.template}`, status: res.status }).toEqual({
          route: `${r.method} ${r.template}`,
          status: 401,
        });
        expectApiError(401, res.body, `${r.method} ${r.template}`);
      }
    }
  });

  it('answers 400 naming the problem to malformed JSON and to a body of the wrong type', async () => {
    const withJson = apiRoutes().filter((r) => r.op.requestBody?.content?.['application/json']);
    expect(withJson.length).toBeGreaterThan(5);
    for (const r of withJson) {
      const where = `${r.method} ${r.template}`;
      const malformed = await call(t.url, r.method, r.path, { key, body: '{"points": [' });
      expect({ where, status: malformed.status }).toEqual({ where, status: 400 });
      expectApiError(400, malformed.body, where);
      const wrongType = await call(t.url, r.method, r.path, { key, body: '42' });
      // 404 is right too for an action on a resource that does not exist, when the body is not needed
      expect({ where, ok: [400, 404].includes(wrongType.status) }).toEqual({ where, ok: true });
      expectApiError(wrongType.status, wrongType.body, where);
    }
  });

  it('answers 400 naming the parameter when a required query parameter is missing or not a number', async () => {
    for (const r of apiRoutes()) {
      const where = `${r.method} ${r.template}`;
      const query = (r.op.parameters ?? []).filter((p) => p.in === 'query');
      const required = query.filter((p) => p.required);
      if (required.length > 0 && r.method === 'GET') {
        const res = await call(t.url, r.method, r.path, { key });
        expect({ where, status: res.status }).toEqual({ where, status: 400 });
        expect({ where, names: JSON.stringify(res.body).includes(required[0].name) }).toEqual({
          where,
          names: true,
        });
      }
      for (const p of query.filter((q) => q.schema?.type === 'integer' || q.schema?.type === 'number')) {
        const sep = r.path.includes('?') ? '&' : '?';
        const res = await call(t.url, r.method, `${r.path}${sep}${p.name}=abc`, {
          key,
          body: r.method === 'GET' ? undefined : {},
        });
        expect({ where, param: p.name, status: res.status }).toEqual({ where, param: p.name, status: 400 });
        expect({ where, names: JSON.stringify(res.body).includes(p.name) }).toEqual({ where, names: true });
      }
    }
  });

  it('never answers 5xx to a read-only key on a write route, and refuses it with 403 or 404', async () => {
    for (const r of apiRoutes().filter((x) => x.method !== 'GET')) {
      const where = `${r.method} ${r.template}`;
      const res = await call(t.url, r.method, r.path, { key: t.readOnlyKeyA, body: {} });
      expect({ where, status: res.status < 500 }).toEqual({ where, status: true });
    }
  });
});
