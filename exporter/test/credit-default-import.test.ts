// The converted credit-default files are ordinary import files: over HTTP (POST /api/v1/import/{kind}) they
// are accepted row for row and store exactly what `kpilens ml import-credit-default` stores.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataPath } from '../src/testing/shared-data';
import { describeIfBinaries } from './support/binaries';
import { kpilens } from './support/cli';
import { call, startTestExporter, type TestExporter } from './support/exporter-harness';
import { PG_BIN } from './support/postgres-server';

jest.setTimeout(180_000);

describeIfBinaries([PG_BIN.initdb, PG_BIN.postgres], 'postgresql')('credit-default import files', () => {
  let t: TestExporter;
  let tmp: string;
  beforeAll(async () => {
    t = await startTestExporter('postgres', { KPILENS_SCORING_INTERVAL_MS: '0' });
    tmp = mkdtempSync(join(tmpdir(), 'kpilens-cd-import-'));
  });
  afterAll(async () => {
    await t?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  // Per organization: what the scoring loader reads, as one checksum per table.
  const stored = async (slug: string) =>
    (
      await t.testDb.db.query(
        `WITH o AS (SELECT id FROM organizations WHERE slug = $1)
         SELECT (SELECT md5(string_agg(concat_ws(',', id, opened_at, credit_limit), ';' ORDER BY id))
                   FROM accounts WHERE org_id = (SELECT id FROM o)) AS accounts,
                (SELECT md5(string_agg(concat_ws(',', id, account_id, amount, issued_at, due_at, minimum_due), ';' ORDER BY id))
                   FROM invoices WHERE org_id = (SELECT id FROM o)) AS invoices,
                (SELECT md5(string_agg(concat_ws(',', id, account_id, invoice_id, amount, paid_at), ';' ORDER BY id))
                   FROM payments WHERE org_id = (SELECT id FROM o)) AS payments,
                (SELECT count(*) FROM invoices WHERE org_id = (SELECT id FROM o)) AS n`,
        [slug],
      )
    ).rows[0];

  it('imports over HTTP with no rejection and stores what the command stores', async () => {
    // Every 40th client of the real file: 600 histories.
    const lines = readFileSync(
      sharedDataPath('credit-default/uci_credit_card.csv', 'KPILENS_CREDIT_DEFAULT'),
      'utf8',
    )
      .trimEnd()
      .split('\n');
    const sample = join(tmp, 'sample.csv');
    writeFileSync(sample, [lines[0], ...lines.slice(1).filter((_, i) => i % 40 === 0)].join('\n') + '\n');
    const files = join(tmp, 'files');
    const r = await kpilens(['ml', 'import-credit-default', sample, '--org', 'org-b', '--out-dir', files], {
      DATABASE_URL: t.testDb.url!,
    });
    if (r.code !== 0) throw new Error(r.err);

    for (const kind of ['accounts', 'invoices', 'payments']) {
      const res = await call(t.url, 'POST', `/api/v1/import/${kind}`, {
        key: t.keyA,
        body: readFileSync(join(files, `${kind}.csv`), 'utf8'),
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ kind, rejected: 0 });
    }
    const viaHttp = await stored('org-a');
    expect(Number(viaHttp.n)).toBe(600 * 6);
    expect(viaHttp).toEqual(await stored('org-b'));
  });
});
