import { Scopes, type Scope } from '@kpilens/contract';
import type { Command } from 'commander';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import { createApiKey, listApiKeys, revokeApiKey } from '../store/api-keys';
import { configFrom, withConfigFlags } from './common';

function parseScopes(raw: string): Scope[] {
  const scopes = raw.split(',').map((s) => s.trim());
  for (const s of scopes)
    if (!(Scopes as readonly string[]).includes(s))
      throw new Error(
        `--scopes: expected a comma-separated list of ${Scopes.join(', ')}, got ${JSON.stringify(s)}`,
      );
  return scopes as Scope[];
}

async function withDb<T>(
  opts: Record<string, string>,
  fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>,
) {
  const db = await openDb(configFrom(opts));
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage API keys (stored hashed; a key is shown once)');
  withConfigFlags(
    keys
      .command('create')
      .description('create an API key for an organization (created if new)')
      .requiredOption('--org <slug>', 'organization slug, e.g. acme')
      .option('--name <name>', 'what the key is for', 'default')
      .option('--scopes <list>', `comma-separated: ${Scopes.join(', ')}`, 'ingest,read'),
  ).action(async (opts) => {
    const scopes = parseScopes(opts.scopes);
    await withDb(opts, async (db) => {
      const { key, keyId } = await createApiKey(db, opts.org, opts.name, scopes);
      process.stdout.write(
        `key id ${keyId} for ${opts.org} (${scopes.join(', ')}); keep this key, it is not shown again:\n${key}\n`,
      );
    });
  });
  withConfigFlags(
    keys
      .command('list')
      .description('list keys (never the secrets)')
      .option('--org <slug>', 'only this organization'),
  ).action(async (opts) => {
    await withDb(opts, async (db) => {
      const rows = await listApiKeys(db, opts.org);
      if (rows.length === 0) process.stdout.write('no keys\n');
      for (const k of rows)
        process.stdout.write(
          `${k.keyId}  ${k.organization.padEnd(16)} ${k.name.padEnd(20)} ${k.scopes.join(',').padEnd(18)} ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\n`,
        );
    });
  });
  withConfigFlags(keys.command('revoke').description('revoke a key by its id').argument('<keyId>')).action(
    async (keyId: string, opts) => {
      await withDb(opts, async (db) => {
        const ok = await revokeApiKey(db, keyId);
        process.stdout.write(ok ? `revoked ${keyId}\n` : `no active key ${keyId}\n`);
        if (!ok) process.exitCode = 1;
      });
    },
  );
}
