import { KpiPointBatch } from '@kpilens/contract';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { normalizePoints } from '../ingest/normalize-points';
import { feedBodies, feedSeries } from './ingest-feed';

describe('ingest feed', () => {
  const series = feedSeries(7);
  const startMs = Date.parse('2026-01-01T00:00:00Z');
  const bodies = feedBodies(series, startMs, 25, 10);
  const batches = bodies.map((b) => JSON.parse(b.toString()) as { points: Array<Record<string, unknown>> });

  it('splits the points into batches of the requested size', () => {
    expect(batches.map((b) => b.points.length)).toEqual([10, 10, 5]);
  });

  it('sends valid batches whose points are all distinct rows, keyed as the exporter keys them', () => {
    const ajv = addFormats(new Ajv({ strict: false }));
    const validate = ajv.compile(KpiPointBatch);
    const bounds = { nowMs: startMs + 86400_000, minMs: 0, maxFutureSkewMs: 0 };
    const rows = new Set<string>();
    for (const b of batches) {
      expect(validate(b)).toBe(true);
      const { points, errors } = normalizePoints(b.points as never, bounds);
      expect(errors).toEqual([]);
      for (const p of points) {
        expect(series.map((s) => s.key)).toContain(p.seriesKey);
        rows.add(`${p.seriesKey}@${p.ts}`);
      }
    }
    expect(rows.size).toBe(25);
  });
});
