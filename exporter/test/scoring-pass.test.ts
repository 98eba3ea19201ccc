/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { ModelHolder } from '../src/accounts/model-holder';
import { runScoringPass, SCORING_LOCK, slotOf } from '../src/accounts/schedule';
import {
  loadHistories,
  loadHistoryPage,
  writeAccounts,
  writeInvoices,
  writePayments,
} from '../src/accounts/store';
import { type AccountHistory, FEATURE_NAMES, buildFeatures } from '../src/ml/features';
import { createApiKey } from '../src/store/api-keys';
import { eachBackend, openTestDb, type TestDb } from './support/backends';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const AS_OF = slotOf(Date.parse('2026-06-01T00:30:00Z'), 3_600_000);

async function orgId(t: TestDb, slug: string): Promise<number> {
  await createApiKey(t.db, slug, 'k', ['ingest']);
  const { rows } = await t.db.query<{ id: number }>('SELECT id FROM organizations WHERE slug = $1', [slug]);
  return rows[0].id;
}

/** `n` accounts with four monthly invoices each; account k pays k days late (0 = on time). */
async function seed(t: TestDb, org: number, prefix: string, n: number): Promise<void> {
  const ids = Array.from({ length: n }, (_, k) => `${prefix}${String(k).padStart(3, '0')}`);
  await t.db.transaction(async (tx) => {
    await writeAccounts(
      tx,
      org,
      ids.map((id) => ({
        id,
        name: null,
        openedAt: AS_OF - 300 * DAY,
        creditLimit: k(id) % 2 ? 4000 : null,
      })),
    );
    const invoices = ids.flatMap((id) =>
      [0, 1, 2, 3].map((m) => ({
        id: `${id}-i${m}`,
        accountId: id,
        amount: 100 + m,
        issuedAt: AS_OF - (4 - m) * 30 * DAY,
        dueAt: AS_OF - (4 - m) * 30 * DAY + 30 * DAY - DAY,
        minimumDue: null,
      })),
    );
    await writeInvoices(tx, org, invoices);
    await writePayments(
      tx,
      org,
      invoices
        .filter((i) => i.dueAt + k(i.accountId) * DAY < AS_OF)
        .map((i) => ({
          id: `p-${i.id}`,
          accountId: i.accountId,
          invoiceId: k(i.accountId) % 3 === 0 ? null : i.id,
          amount: i.amount,
          paidAt: i.dueAt + k(i.accountId) * DAY,
        })),
    );
  });
}
const k = (id: string) => Number(id.slice(-3));

eachBackend('scheduled scoring pass', (backend) => {
  let t: TestDb;
  let models: ModelHolder;
  let orgA: number;
  let orgB: number;
  beforeAll(async () => {
    t = await openTestDb(backend);
    models = new ModelHolder();
    orgA = await orgId(t, 'org-a');
    orgB = await orgId(t, 'org-b');
    await seed(t, orgA, 'a', 25);
    await seed(t, orgB, 'b', 7);
  });
  afterAll(async () => {
    await models.close();
    await t?.close();
  });

  it('loads histories from the database that give the features of the same history in memory', async () => {
    const histories = await loadHistories(t.db, orgA, ['a000', 'a004', 'a013', 'missing']);
    expect([...histories.keys()].sort()).toEqual(['a000', 'a004', 'a013']);
    const h = histories.get('a004')!;
    expect(h.invoices).toHaveLength(4);
    // The last invoice fell due a day ago and a004 pays 4 days late: three payments so far.
    expect(h.payments).toHaveLength(3);
    expect(h.creditLimit).toBeUndefined();
    expect(histories.get('a013')!.creditLimit).toBe(4000);
    const inMemory = {
      accountId: 'a004',
      openedAt: new Date(AS_OF - 300 * DAY),
      invoices: [0, 1, 2, 3].map((m) => ({
        id: `a004-i${m}`,
        amount: 100 + m,
        issuedAt: new Date(AS_OF - (4 - m) * 30 * DAY),
        dueAt: new Date(AS_OF - (4 - m) * 30 * DAY + 29 * DAY),
      })),
      payments: [0, 1, 2, 3]
        .filter((m) => AS_OF - (4 - m) * 30 * DAY + 33 * DAY < AS_OF)
        .map((m) => ({
          invoiceId: `a004-i${m}`,
          amount: 100 + m,
          paidAt: new Date(AS_OF - (4 - m) * 30 * DAY + 33 * DAY),
        })),
    };
    expect(buildFeatures(h, new Date(AS_OF))).toEqual(buildFeatures(inMemory, new Date(AS_OF)));
    // The other organization's accounts are not loaded under this one.
    expect((await loadHistories(t.db, orgB, ['a000'])).size).toBe(0);
  });

  it('reads pages of accounts by id range, with the histories read by id', async () => {
    // 25 accounts in pages of 5: the fifth page is full, so a sixth (empty) one ends the walk.
    const paged: AccountHistory[] = [];
    let pages = 0;
    for (let after: string | undefined; ;) {
      const page = await loadHistoryPage(t.db, orgA, 5, after);
      pages++;
      paged.push(...page.histories);
      if (!page.full) break;
      after = page.last;
    }
    expect(pages).toBe(6);
    const ids = Array.from({ length: 25 }, (_, i) => `a${String(i).padStart(3, '0')}`);
    expect(paged.map((h) => h.accountId)).toEqual(ids);
    const byId = await loadHistories(t.db, orgA, ids);
    for (const h of paged)
      expect(buildFeatures(h, new Date(AS_OF))).toEqual(
        buildFeatures(byId.get(h.accountId)!, new Date(AS_OF)),
      );
    expect(paged.reduce((n, h) => n + h.invoices.length + h.payments.length, 0)).toBe(
      [...byId.values()].reduce((n, h) => n + h.invoices.length + h.payments.length, 0),
    );
  });

  it('scores every account of every organization once per slot, in batches; on time above late', async () => {
    const counted: Record<string, number> = {};
    const pass = await runScoringPass(t.db, models, new Date(AS_OF), {
      batch: 10,
      observe: (scores) => scores.forEach((s) => (counted[s.level] = (counted[s.level] ?? 0) + 1)),
    });
    expect(pass).toMatchObject({ ran: true, scored: 32, modelVersion: 'credit-default/v1' });
    expect(pass.waits!.scoreMs).toBeGreaterThan(0);
    // Drift of every feature against the shipped training reference; these made-up accounts (four equal
    // invoices, no limit on half) are far from credit-card statements on some features.
    expect([...pass.drift!.keys()]).toEqual(FEATURE_NAMES);
    expect([...pass.drift!.values()].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(Math.max(...pass.drift!.values())).toBeGreaterThan(0.25);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(32);
    const { rows } = await t.db.query<{ account_id: string; org_id: number; probability: number }>(
      'SELECT account_id, org_id, probability FROM account_scores WHERE scored_at = to_timestamp($1 / 1000.0)',
      [AS_OF],
    );
    expect(rows).toHaveLength(32);
    const p = new Map(rows.map((r) => [r.account_id, r.probability]));
    // Same credit limit (none) and payment linking, differing only in lateness: on time beats 18 days late.
    expect(p.get('a000')!).toBeGreaterThan(p.get('a018')!);
    expect(rows.filter((r) => r.account_id.startsWith('b')).every((r) => r.org_id === orgB)).toBe(true);

    const again = await runScoringPass(t.db, models, new Date(AS_OF), { batch: 10 });
    expect(again).toEqual({ ran: false, scored: 0 });
    const { rows: n } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM account_scores');
    expect(n[0].n).toBe(32);
  });

  if (backend === 'postgres')
    it('skips the pass while another replica holds the scoring lock', async () => {
      const next = new Date(AS_OF + 3_600_000);
      const during = await t.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [SCORING_LOCK]);
        return runScoringPass(t.db, models, next);
      });
      expect(during).toEqual({ ran: false, scored: 0 });
      expect(await runScoringPass(t.db, models, next)).toMatchObject({ ran: true, scored: 32 });
    });
});
