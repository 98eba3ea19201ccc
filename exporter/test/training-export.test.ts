import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { databaseExamples, organizationId } from '../src/accounts/training-export';
import { writeAccounts, writeInvoices, writePayments } from '../src/accounts/store';
import { registerMlCommands } from '../src/ml/command';
import { FEATURE_NAMES } from '../src/ml/features';
import { createApiKey } from '../src/store/api-keys';
import { eachBackend, openTestDb, type TestDb } from './support/backends';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const NOW = new Date(T0 + 100 * DAY);

async function seed(t: TestDb, slug: string, account: string, paidDay: number[]): Promise<number> {
  await createApiKey(t.db, slug, 'k', ['ingest']);
  const orgId = (await organizationId(t.db, slug))!;
  await t.db.transaction(async (tx) => {
    await writeAccounts(tx, orgId, [{ id: account, name: null, openedAt: T0 - 50 * DAY, creditLimit: null }]);
    // Monthly invoices due on days 30, 60, 90 and 120 (the last not due at NOW).
    const invoices = [0, 1, 2, 3].map((m) => ({
      id: `${account}-i${m}`,
      accountId: account,
      amount: 100,
      issuedAt: T0 + m * 30 * DAY,
      dueAt: T0 + (m + 1) * 30 * DAY,
      minimumDue: null,
    }));
    await writeInvoices(tx, orgId, invoices);
    await writePayments(
      tx,
      orgId,
      paidDay.map((day, m) => ({
        id: `${account}-p${m}`,
        accountId: account,
        invoiceId: null,
        amount: 100,
        paidAt: T0 + day * DAY,
      })),
    );
  });
  return orgId;
}

eachBackend('training set from the database', (backend) => {
  let t: TestDb;
  let orgA: number;
  beforeAll(async () => {
    t = await openTestDb(backend);
    // Paid on day 29 (on time), 65 (late for the one due day 60), none for the one due day 90.
    orgA = await seed(t, 'org-a', 'acc-a', [29, 65]);
    await seed(t, 'org-b', 'acc-b', [10, 40, 70]);
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await t?.close();
  });

  it('gives one row per invoice due by now, labelled paid on time or not, for one organization', async () => {
    const rows = await databaseExamples(t.db, orgA, NOW, { batch: 1 });
    expect(rows.map((r) => [r.accountId, r.onTime])).toEqual([
      ['acc-a', 1],
      ['acc-a', 0],
      ['acc-a', 0],
    ]);
  });

  it('kpilens ml export-training-set --org writes the CSV from the database', async () => {
    const out = join(tmpdir(), `kpilens-train-${backend}-${process.pid}.csv`);
    const dbFlags = t.url ? ['--database-url', t.url] : ['--data-dir', t.dataDir!];
    // PGlite allows one process-local opener of a directory: the command opens it itself.
    if (!t.url) {
      await t.db.close();
      closed = true;
    }
    const lines: string[] = [];
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerMlCommands(program.command('ml'), (l) => lines.push(l));
    await program.parseAsync([
      'node',
      'kpilens',
      'ml',
      'export-training-set',
      '--org',
      'org-b',
      '--out',
      out,
      ...dbFlags,
    ]);
    // The command labels as of the real clock, past every due date: the payments on days 10, 40 and 70
    // (linked to no invoice) settle the three oldest invoices on time, the fourth stays unpaid.
    expect(lines).toEqual([`wrote 4 rows to ${out}`]);
    const csv = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(['account_id', ...FEATURE_NAMES, 'on_time'].join(','));
    expect(csv.slice(1).map((l) => [l.split(',')[0], l.split(',').at(-1)])).toEqual([
      ['acc-b', '1'],
      ['acc-b', '1'],
      ['acc-b', '1'],
      ['acc-b', '0'],
    ]);
    rmSync(out, { force: true });
    if (t.dataDir) rmSync(t.dataDir, { recursive: true, force: true });
  });
});
