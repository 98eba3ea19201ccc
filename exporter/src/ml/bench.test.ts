/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { formatBenchmarks, runMlBenchmarks } from './bench';

describe('ml benchmarks', () => {
  it('measures every rate against its baseline', async () => {
    const results = await runMlBenchmarks({ minSeconds: 0.05, batches: [1, 100] });
    expect(results.map((r) => r.name)).toEqual([
      'inference, batch 1',
      'inference, batch 100',
      'TreeSHAP explanations',
    ]);
    for (const r of results) {
      expect(r.value).toBeGreaterThan(0);
      expect(r.baseline).toBeGreaterThan(0);
      expect(r.ratio).toBeCloseTo(r.value / r.baseline, 10);
    }
    const lines = formatBenchmarks(results);
    expect(lines[2]).toMatch(
      /^\| inference, batch 1 \| [\d,]+ rows\/s \| plain JS tree walk \| [\d,]+ \| [\d.]+x \|$/,
    );
    expect(JSON.parse(lines[lines.length - 1])).toHaveLength(3);
  });
});
