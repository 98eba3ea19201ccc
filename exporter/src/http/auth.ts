import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { verifyApiKey, type KeyPrincipal } from '../store/api-keys';
import { ApiHttpError } from './errors';

/** Verified keys, trusted for a short time so each request does not cost a database round trip. */
class KeyCache {
  private readonly entries = new Map<string, { principal: KeyPrincipal | null; until: number }>();
  constructor(private readonly ttlMs: number) {}
  get(token: string): KeyPrincipal | null | undefined {
    const e = this.entries.get(token);
    if (!e || e.until < Date.now()) return undefined;
    return e.principal;
  }
  set(token: string, principal: KeyPrincipal | null): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(token, { principal, until: Date.now() + this.ttlMs });
  }
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

/** Requires a valid API key with the route's scope (`config.scope`) on every /api route that declares one. */
export function registerAuth(app: FastifyInstance, db: Db, ttlMs: number): void {
  const cache = new KeyCache(ttlMs);
  app.addHook('onRequest', async (req) => {
    const scope = req.routeOptions.config?.scope;
    if (!scope) return;
    const token = bearer(req);
    if (token === undefined)
      throw new ApiHttpError(
        401,
        'missing API key: send "Authorization: Bearer <key>" (create one with `kpilens keys create`)',
        undefined,
        {
          'www-authenticate': 'Bearer',
        },
      );
    let principal = cache.get(token);
    if (principal === undefined) {
      principal = await verifyApiKey(db, token);
      cache.set(token, principal);
    }
    if (!principal)
      throw new ApiHttpError(401, 'invalid or revoked API key', undefined, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin'))
      throw new ApiHttpError(
        403,
        `this API key lacks the "${scope}" scope (it has: ${principal.scopes.join(', ')})`,
      );
    req.principal = principal;
  });
}

export function principalOf(req: FastifyRequest): KeyPrincipal {
  if (!req.principal) throw new ApiHttpError(401, 'missing API key');
  return req.principal;
}
