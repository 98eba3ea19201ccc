import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport, runNab } from './runner';
import { sharedDataPath } from '../testing/shared-data';

// The NAB subset lives in the project's shared data folder, beside the repository (never inside it).
function nabDir(): string {
  return sharedDataPath('nab', 'KPILENS_NAB_DIR');
}

const FILES = ['realAdExchange/exchange-3_cpm_results.csv', 'realTraffic/speed_7578.csv'];

describe('runNab on two NAB files', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kpilens-nab-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('writes one score row per input row, in order, and scores the files', async () => {
    const nab = nabDir();
    const data = join(work, 'data');
    for (const key of FILES) {
      await mkdir(join(data, key, '..'), { recursive: true });
      await copyFile(join(nab, 'data', key), join(data, key));
    }
    // Only the two files' windows, so the normalisation counts their windows alone.
    const allWindows = JSON.parse(await readFile(join(nab, 'combined_windows.json'), 'utf8'));
    const windowsFile = join(work, 'windows.json');
    await writeFile(windowsFile, JSON.stringify(Object.fromEntries(FILES.map((k) => [k, allWindows[k]]))));

    const out = join(work, 'out');
    const result = await runNab({ dataDir: data, outDir: out, labelsFile: windowsFile });

    expect(result.files).toBe(2);
    let rows = 0;
    for (const key of FILES) {
      const input = (await readFile(join(data, key), 'utf8')).trim().split('\n');
      const output = (await readFile(join(out, key), 'utf8')).trim().split('\n');
      expect(output[0]).toBe('timestamp,value,anomaly_score');
      expect(output).toHaveLength(input.length);
      for (let i = 1; i < input.length; i++) {
        const [timestamp, value, score] = output[i].split(',');
        expect(`${timestamp},${value}`).toBe(input[i].trim());
        expect(Number(score)).toBeGreaterThanOrEqual(0);
        expect(Number(score)).toBeLessThanOrEqual(1);
      }
      rows += input.length - 1;
    }
    expect(result.rows).toBe(rows);

    const windows = FILES.reduce((n, k) => n + allWindows[k].length, 0);
    expect(result.profiles.map((p) => p.profile)).toEqual([
      'standard',
      'reward_low_FP_rate',
      'reward_low_FN_rate',
    ]);
    for (const p of result.profiles) {
      expect(p.windows).toBe(windows);
      expect(p.tp + p.fn).toBe(windows);
      expect(p.normalized).toBeLessThanOrEqual(100);
    }
    expect(formatReport(result)).toMatch(/standard\s+\S+\s+-?\d+\.\d/);
  });
});
