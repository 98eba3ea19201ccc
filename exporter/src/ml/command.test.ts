/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerMlCommands } from './command';
import { FEATURE_NAMES } from './features';
import { creditDefaultModelDir } from './scorer';
import { writeTrainingSet } from './training-set';
import { sharedDataPath } from '../testing/shared-data';

// The real data set sits in shared/ beside the repository (here and in CI).
function sharedCreditDefault(): string {
  return sharedDataPath('credit-default/uci_credit_card.csv', 'KPILENS_CREDIT_DEFAULT');
}

const SMALL = [
  'ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,' +
    'BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,' +
    'PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default.payment.next.month',
  '1,20000,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1',
  '2,120000,2,2,2,26,-1,2,0,0,0,2,2682,1725,2682,3272,3455,3261,0,1000,1000,1000,0,2000,1',
  '3,90000,2,2,2,34,0,0,0,0,0,0,29239,14027,13559,14331,14948,15549,1518,1500,1000,1000,1000,5000,0',
  '4,50000,2,2,1,37,0,0,0,0,0,0,46990,48233,49291,28314,28959,29547,2000,2019,1200,1100,1069,1000,0',
].join('\n');

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  registerMlCommands(program.command('ml'), (l) => lines.push(l));
  await program.parseAsync(['node', 'kpilens', 'ml', ...args]);
  return lines;
}

describe('kpilens ml', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kpilens-ml-'));
    writeFileSync(join(tmp, 'small.csv'), SMALL);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('export-training-set refuses a due-after date it cannot read, before opening a database', async () => {
    await expect(
      run(['export-training-set', '--org', 'x', '--due-after', 'soon', '--out', join(tmp, 't.csv')]),
    ).rejects.toThrow(/--due-after: expected an ISO 8601 date, got "soon"/);
  });

  it('drift-reference writes the training distribution of every feature beside the model', async () => {
    const dir = join(tmp, 'model');
    mkdirSync(dir);
    // Client 4 is held out: the reference comes from the three others.
    writeFileSync(join(dir, 'split.json'), JSON.stringify({ test_ids: ['4'] }));
    const training = join(tmp, 'train.csv');
    const features = (k: number) => FEATURE_NAMES.map((_, i) => (i % 5 === 0 ? NaN : k * 10 + i));
    writeTrainingSet(
      training,
      ['1', '2', '3', '4'].map((id, k) => ({ accountId: id, features: features(k), onTime: 1 })),
    );
    expect(await run(['drift-reference', '--training-set', training, '--model', dir])).toEqual([
      `wrote the distribution of ${FEATURE_NAMES.length} features over 3 training rows to ${dir}`,
    ]);
    const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));
    expect(ref.features).toEqual(FEATURE_NAMES);
    for (const r of ref.references)
      expect(r.shares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('evaluate ends with a JSON line of the figures', async () => {
    const lines = await run(['evaluate', '--credit-default', join(tmp, 'small.csv')]);
    expect(lines[1]).toMatch(
      /^rows\s+4 \(50\.0% paid on time; 0 client\(s\) owing nothing in October left out\)$/,
    );
    expect(lines[2]).toMatch(/^ROC-AUC\s+\d\.\d{4}$/);
    const last = JSON.parse(lines[lines.length - 1]);
    expect(Object.keys(last)).toEqual(['rows', 'auc', 'brier', 'ece']);
    expect(last.rows).toBe(4);
  });

  it('reproduces the model card on the held-out clients of the real file', async () => {
    const lines = await run(['evaluate', '--credit-default', sharedCreditDefault(), '--held-out']);
    const got = JSON.parse(lines[lines.length - 1]);
    const card = JSON.parse(readFileSync(join(creditDefaultModelDir(), 'card.json'), 'utf8'));
    const want = card.metrics.test;
    expect(got.rows).toBe(want.rows);
    expect(Math.abs(got.auc - want.auc)).toBeLessThan(1e-4);
    expect(Math.abs(got.brier - want.brier)).toBeLessThan(1e-5);
    expect(Math.abs(got.ece - want.ece)).toBeLessThan(1e-4);
    expect(got.auc).toBeGreaterThanOrEqual(0.78);
    expect(got.ece).toBeLessThanOrEqual(0.02);
  });

  it('refuses to evaluate without a file', async () => {
    await expect(run(['evaluate'])).rejects.toThrow(/--credit-default/);
  });
});
