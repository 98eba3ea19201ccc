import { alignAndMerge } from './rollup-ranges';

describe('alignAndMerge', () => {
  it('aligns to buckets with an exclusive end and merges overlaps per series', () => {
    const out = alignAndMerge(
      [
        { seriesId: 1, from: 61, to: 119 },
        { seriesId: 1, from: 100, to: 130 },
        { seriesId: 2, from: 0, to: 0 },
        { seriesId: 1, from: 600, to: 600 },
      ],
      60,
    );
    expect(out).toEqual([
      { seriesId: 1, from: 60, to: 180 },
      { seriesId: 1, from: 600, to: 660 },
      { seriesId: 2, from: 0, to: 60 },
    ]);
  });

  it('merges ranges that become adjacent only at a coarser resolution', () => {
    const ranges = [
      { seriesId: 1, from: 10, to: 20 },
      { seriesId: 1, from: 3000, to: 3010 },
    ];
    expect(alignAndMerge(ranges, 60)).toHaveLength(2);
    expect(alignAndMerge(ranges, 3600)).toEqual([{ seriesId: 1, from: 0, to: 3600 }]);
  });
});
