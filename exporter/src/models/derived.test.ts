import { deriveHours, dimensionsKey, hoursToWrite, inDimensionSets, metricsRead } from './derived';

describe('derived KPIs', () => {
  it('divides the hourly sums of the hours both inputs have, scaled, and skips a zero denominator', () => {
    const clicks: Array<[number, number]> = [
      [0, 30],
      [1, 10],
      [2, 5],
      [3, 7],
    ];
    const impressions: Array<[number, number]> = [
      [0, 1000],
      [1, 0],
      [3, 700],
    ];
    expect(deriveHours(clicks, impressions, 100)).toEqual([
      [0, 3],
      [3, 1],
    ]);
    expect(deriveHours(clicks, impressions)).toEqual([
      [0, 0.03],
      [3, 0.01],
    ]);
  });

  it('writes only the hours missing from the stored series or stored with another value', () => {
    expect(
      hoursToWrite(
        [
          [0, 3],
          [1, 2],
          [2, 5],
        ],
        [
          [0, 3],
          [1, 2.5],
        ],
      ),
    ).toEqual([
      [1, 2],
      [2, 5],
    ]);
    expect(hoursToWrite([[0, 0.1 + 0.2]], [[0, 0.3]])).toEqual([]);
  });

  it('pairs dimension sets whatever the key order', () => {
    expect(dimensionsKey({ platform: 'meta', campaignId: 'a' })).toBe(
      dimensionsKey({ campaignId: 'a', platform: 'meta' }),
    );
    expect(dimensionsKey({})).not.toBe(dimensionsKey({ platform: 'meta' }));
  });

  it('reads the KPIs and the inputs of derived ones, and keeps only the declared dimension sets', () => {
    const ctr = {
      metric: 'ctr',
      description: 'x',
      derived: { numerator: 'clicks', denominator: 'impressions', scale: 100 },
      dimensionSets: [['platform'], []],
    };
    expect(metricsRead([ctr, { metric: 'clicks', description: 'y' }]).sort()).toEqual([
      'clicks',
      'ctr',
      'impressions',
    ]);
    expect(inDimensionSets(ctr, { platform: 'meta' })).toBe(true);
    expect(inDimensionSets(ctr, {})).toBe(true);
    expect(inDimensionSets(ctr, { platform: 'meta', campaignId: 'a' })).toBe(false);
    expect(inDimensionSets({ metric: 'x', description: 'x' }, { a: '1' })).toBe(true);
  });
});
