import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Scope } from '@kpilens/contract';
import type { Queryable } from '../db/db';

export interface KeyPrincipal {
  orgId: number;
  orgSlug: string;
  keyId: string;
  keyName: string;
  scopes: Scope[];
}

export interface KeyInfo {
  keyId: string;
  name: string;
  organization: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

const KEY_RE = /^kl_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  // The secret is 256 random bits, so a fast hash is enough (no dictionary to guard against).
  return createHash('sha256').update(secret).digest('hex');
}

/** Splits "kl_<id>_<secret>"; null when the shape is wrong. */
export function parseApiKey(token: string): { keyId: string; secret: string } | null {
  const m = KEY_RE.exec(token);
  return m ? { keyId: m[1], secret: m[2] } : null;
}

export async function ensureOrganization(db: Queryable, slug: string, name = slug): Promise<number> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug))
    throw new Error(
      `organization: expected lower-case letters, digits and dashes, got ${JSON.stringify(slug)}`,
    );
  await db.query('INSERT INTO organizations (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING', [
    slug,
    name,
  ]);
  const { rows } = await db.query<{ id: number }>('SELECT id FROM organizations WHERE slug = $1', [slug]);
  return rows[0].id;
}

/** Creates a key; the full key is returned once and never stored. */
export async function createApiKey(
  db: Queryable,
  orgSlug: string,
  name: string,
  scopes: Scope[],
): Promise<{ key: string; keyId: string }> {
  const orgId = await ensureOrganization(db, orgSlug);
  const keyId = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    'INSERT INTO api_keys (org_id, name, key_id, secret_hash, scopes) VALUES ($1, $2, $3, $4, $5)',
    [orgId, name, keyId, hashSecret(secret), scopes],
  );
  return { key: `kl_${keyId}_${secret}`, keyId };
}

export async function listApiKeys(db: Queryable, orgSlug?: string): Promise<KeyInfo[]> {
  const { rows } = await db.query<{
    key_id: string;
    name: string;
    slug: string;
    scopes: Scope[];
    created_at: Date;
    revoked_at: Date | null;
  }>(
    `SELECT k.key_id, k.name, o.slug, k.scopes, k.created_at, k.revoked_at
     FROM api_keys k JOIN organizations o ON o.id = k.org_id
     WHERE $1::text IS NULL OR o.slug = $1 ORDER BY o.slug, k.created_at`,
    [orgSlug ?? null],
  );
  return rows.map((r) => ({
    keyId: r.key_id,
    name: r.name,
    organization: r.slug,
    scopes: r.scopes,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }));
}

export async function revokeApiKey(db: Queryable, keyId: string): Promise<boolean> {
  const res = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL',
    [keyId],
  );
  return res.rowCount > 0;
}

export async function countActiveKeys(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL',
  );
  return rows[0]?.n ?? 0;
}

/** Verifies a bearer token against the stored hash; null when unknown, revoked or wrong. */
export async function verifyApiKey(db: Queryable, token: string): Promise<KeyPrincipal | null> {
  const parsed = parseApiKey(token);
  if (!parsed) return null;
  const { rows } = await db.query<{
    org_id: number;
    slug: string;
    name: string;
    secret_hash: string;
    scopes: Scope[];
  }>(
    `SELECT k.org_id, o.slug, k.name, k.secret_hash, k.scopes FROM api_keys k JOIN organizations o ON o.id = k.org_id
     WHERE k.key_id = $1 AND k.revoked_at IS NULL`,
    [parsed.keyId],
  );
  const row = rows[0];
  if (!row) return null;
  const a = Buffer.from(row.secret_hash, 'hex');
  const b = Buffer.from(hashSecret(parsed.secret), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { orgId: row.org_id, orgSlug: row.slug, keyId: parsed.keyId, keyName: row.name, scopes: row.scopes };
}
