// End-to-end payment-risk scoring of many accounts, as the scheduled pass runs it: histories read from
// PostgreSQL, features from the one feature builder, batched ONNX inference, TreeSHAP explanations, scores
// stored. The baseline, in the same run, scores a sample one account at a time through the same code.
import { ModelHolder } from '../accounts/model-holder';
import { type PassResult, runScoringPass } from '../accounts/schedule';
import { scoreAccounts } from '../accounts/scoring';
import { demoPaymentData, loadDemoAccounts } from '../demo/accounts';
import { ensureOrganization } from '../store/api-keys';
import { startBenchPostgres } from './environment';
import { rateRow, type BenchRow } from './report';
import { secondsSince } from './stats';

export interface ScoringBenchOptions {
  /** accounts in the store, all scored by the timed pass */
  accounts: number;
  /** accounts scored one at a time for the baseline */
  baselineAccounts: number;
  /** timed passes (each at its own as-of time, so none is skipped as already done) */
  passes: number;
  log?: (line: string) => void;
}

export const SCORING_DEFAULTS: ScoringBenchOptions = { accounts: 100_000, baselineAccounts: 500, passes: 1 };

export interface ScoringBenchResult {
  rows: BenchRow[];
  /** seconds of each timed pass over all accounts */
  passSeconds: number[];
  /** per pass: CPU time of this process (all its threads, onnxruntime's included) */
  cpuSeconds: number[];
  /** per pass: time scoring (CPU) and waiting for the database */
  waits: PassResult['waits'][];
  invoices: number;
  payments: number;
  loadSeconds: number;
}

const NOW = Date.parse('2026-06-01T00:00:00Z');
const LOAD_CHUNK = 10_000;

export async function runScoringBenchmark(
  options: Partial<ScoringBenchOptions> = {},
): Promise<ScoringBenchResult> {
  const o = { ...SCORING_DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const pg = await startBenchPostgres();
  const models = new ModelHolder();
  try {
    const orgId = await ensureOrganization(pg.db, 'bench');
    // The demo's mix of payers (punctual, late, deteriorating, new), a year of monthly invoices each.
    const started = process.hrtime.bigint();
    let invoices = 0;
    let payments = 0;
    for (let from = 0; from < o.accounts; from += LOAD_CHUNK) {
      const data = demoPaymentData(20260601 + from, NOW, Math.min(LOAD_CHUNK, o.accounts - from));
      for (const a of data.accounts) a.id = `${a.id}_${from}`;
      for (const r of [...data.invoices, ...data.payments]) r.accountId = `${r.accountId}_${from}`;
      for (const i of data.invoices) i.id = `${i.id}_${from}`;
      for (const p of data.payments) {
        p.id = `${p.id}_${from}`;
        p.invoiceId = `${p.invoiceId}_${from}`;
      }
      await loadDemoAccounts(pg.db, orgId, data);
      invoices += data.invoices.length;
      payments += data.payments.length;
    }
    await pg.db.query('VACUUM ANALYZE');
    const loadSeconds = secondsSince(started);
    log(
      `loaded ${o.accounts} accounts, ${invoices} invoices, ${payments} payments in ${loadSeconds.toFixed(1)} s`,
    );
    // The model is opened once per exporter, not per pass: not timed.
    await models.use(async () => undefined);

    const passSeconds: number[] = [];
    const waits: PassResult['waits'][] = [];
    const cpuSeconds: number[] = [];
    for (let k = 0; k < o.passes; k++) {
      const t0 = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      const pass = await runScoringPass(pg.db, models, new Date(NOW + k * 3_600_000));
      passSeconds.push(secondsSince(t0));
      const cpu = process.cpuUsage(cpu0);
      cpuSeconds.push((cpu.user + cpu.system) / 1e6);
      if (pass.scored !== o.accounts)
        throw new Error(`the pass scored ${pass.scored} of ${o.accounts} accounts`);
      const w = pass.waits;
      log(
        `pass ${k + 1}: ${o.accounts} accounts in ${passSeconds[k].toFixed(1)} s, ` +
          `${cpuSeconds[k].toFixed(1)} s of CPU in this process (all threads)` +
          (w
            ? ` (scoring ${(w.scoreMs / 1000).toFixed(1)} s, waiting for reads ${(w.readMs / 1000).toFixed(1)} s` +
              ` and writes ${(w.writeMs / 1000).toFixed(1)} s)`
            : ''),
      );
      waits.push(w);
    }

    // Baseline: the same scoring, one account per call (a query per table, an ONNX call, an INSERT each).
    const { rows: sample } = await pg.db.query<{ id: string }>(
      'SELECT id FROM accounts WHERE org_id = $1 ORDER BY id LIMIT $2',
      [orgId, o.baselineAccounts],
    );
    const t1 = process.hrtime.bigint();
    await models.use(async ({ model, version }) => {
      const asOf = new Date(NOW - 3_600_000);
      for (const { id } of sample) await scoreAccounts(pg.db, model, version, orgId, [id], asOf);
    });
    const baselineRate = sample.length / secondsSince(t1);
    const sorted = [...passSeconds].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return {
      rows: [
        rateRow(
          `end-to-end scoring pass, ${o.accounts} accounts (median of ${o.passes})`,
          o.accounts / median,
          'accounts/s',
          `one account at a time (${sample.length}-account sample)`,
          baselineRate,
        ),
      ],
      passSeconds,
      cpuSeconds,
      waits,
      invoices,
      payments,
      loadSeconds,
    };
  } finally {
    await models.close();
    await pg.close();
  }
}
