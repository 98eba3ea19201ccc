import { FieldType } from '@grafana/data';
import { anomalyBandFrames } from './anomaly-band';

describe('anomalyBandFrames', () => {
  it('shapes observed, expected and a filled band per series', () => {
    const [frame] = anomalyBandFrames(
      {
        from: '',
        to: '',
        intervalMs: 3_600_000,
        truncated: false,
        series: [
          {
            id: 3,
            model: 'marketing',
            metric: 'ctr',
            dimensions: { platform: 'tiktok' },
            times: [0, 3_600_000],
            observed: [10, 12],
            expected: [null, 11],
            lower: [null, 9],
            upper: [null, 13],
          },
        ],
      },
      'A',
      new Map([['marketing.ctr', { unit: 'percent' }]]),
    );
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', FieldType.time],
      ['observed', FieldType.number],
      ['expected', FieldType.number],
      ['lower', FieldType.number],
      ['upper', FieldType.number],
    ]);
    expect(frame.fields[2].values).toEqual([null, 11]);
    expect(frame.fields[4].values).toEqual([null, 13]);
    expect(frame.fields[1].config.displayNameFromDS).toBe('ctr {platform=tiktok}');
    expect(frame.fields[4].config.custom.fillBelowTo).toBe(frame.fields[3].config.displayNameFromDS);
    expect(frame.fields.slice(1).every((f) => f.config.unit === 'percent')).toBe(true);
    expect(frame.meta?.custom).toEqual({ seriesId: 3 });
  });
});
