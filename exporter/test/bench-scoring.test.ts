/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { runScoringBenchmark } from '../src/bench/scoring';
import { formatRows } from '../src/bench/report';
import { PG_BIN } from '../src/testing/postgres-server';
import { describeIfBinaries } from './support/binaries';

// The scoring benchmark at a small size: its own PostgreSQL cluster, the demo's accounts, a full pass.
jest.setTimeout(240_000);

describeIfBinaries([PG_BIN.initdb, PG_BIN.postgres], 'postgresql')('scoring benchmark', () => {
  it('scores every account in each pass and compares with one account at a time', async () => {
    const res = await runScoringBenchmark({ accounts: 600, baselineAccounts: 20, passes: 2 });
    expect(res.passSeconds).toHaveLength(2);
    expect(res.cpuSeconds.every((s) => s > 0)).toBe(true);
    expect(res.waits.every((w) => w !== undefined && w.scoreMs > 0)).toBe(true);
    // a year of monthly invoices for most accounts (new ones have two)
    expect(res.invoices).toBeGreaterThan(600 * 8);
    expect(res.payments).toBeGreaterThan(0);
    const [row] = res.rows;
    expect(row.unit).toBe('accounts/s');
    expect(row.ratio).toBeCloseTo(row.value / row.baseline, 10);
    expect(formatRows(res.rows)[2]).toMatch(
      /^\| end-to-end scoring pass, 600 accounts \(median of 2\) \| [\d,]+ accounts\/s \|/,
    );
  });
});
