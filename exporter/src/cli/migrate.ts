import type { Command } from 'commander';
import { migrate } from '../db/migrate';
import { describeDb, openDb } from '../db/open';
import { configFrom, withConfigFlags } from './common';

export function registerMigrateCommand(program: Command): void {
  withConfigFlags(
    program.command('migrate').description('apply pending database migrations and exit'),
  ).action(async (opts) => {
    const config = configFrom(opts);
    const db = await openDb(config);
    try {
      const applied = await migrate(db);
      process.stdout.write(
        `${describeDb(config)}: ${applied.length ? `applied ${applied.map((m) => `${m.version}_${m.name}`).join(', ')}` : 'schema is current'}\n`,
      );
    } finally {
      await db.close();
    }
  });
}
