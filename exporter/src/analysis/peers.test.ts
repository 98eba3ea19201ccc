import { peerOutliers, type PeerSeries } from './peers';
import { gaussian } from './synthetic';

const PLATFORMS = ['google', 'meta', 'tiktok', 'linkedin', 'x', 'snap'];

/**
 * Daily values per platform: own scale, 5% day-to-day noise, a market-wide factor on the recent 7 days and
 * an extra factor for some platforms.
 */
function peers(
  seed: number,
  count: number,
  market: number,
  extra: Record<string, number> = {},
): PeerSeries[] {
  const g = gaussian(seed);
  return PLATFORMS.slice(0, count).map((key, p) => {
    const scale = 0.5 + 3 * p;
    const day = (f: number) => scale * f * (1 + 0.05 * g());
    return {
      key,
      history: Array.from({ length: 28 }, () => day(1)),
      recent: Array.from({ length: 7 }, () => day(market * (extra[key] ?? 1))),
    };
  });
}

describe('peerOutliers', () => {
  it('flags the one platform that falls while the market rises', () => {
    const out = peerOutliers(peers(1, 5, 1.2, { tiktok: 0.7 }));
    const tiktok = out.find((o) => o.key === 'tiktok')!;
    expect(tiktok.direction).toBe('down');
    expect(tiktok.score).toBeGreaterThan(0.9);
    expect(tiktok.value).toBeCloseTo(0.84, 1);
    expect(tiktok.peerMedian).toBeCloseTo(1.2, 1);
    expect(tiktok.z).toBeLessThan(-5);
    // The others' scales 0.5, 3.5, 9.5 and 12.5, times 1.2 recently: median about 7.8.
    expect(tiktok.peerRecentLevel).toBeGreaterThan(7);
    expect(tiktok.peerRecentLevel).toBeLessThan(10.5);
    for (const o of out.filter((x) => x.key !== 'tiktok')) expect(o.score).toBeLessThan(0.5);
  });

  it('flags none on a market-wide move', () => {
    const out = peerOutliers(peers(2, 6, 0.6));
    expect(out).toHaveLength(6);
    for (const o of out) expect(o.score).toBeLessThan(0.5);
  });

  it('works with exactly 3 peers and refuses fewer', () => {
    const three = peerOutliers(peers(3, 3, 1, { meta: 1.5 }));
    expect(three.find((o) => o.key === 'meta')).toMatchObject({ direction: 'up' });
    expect(three.find((o) => o.key === 'meta')!.score).toBeGreaterThan(0.8);
    expect(peerOutliers(peers(3, 2, 1, { meta: 1.5 }))).toEqual([]);
  });

  it('leaves out series without a positive level and refuses duplicate keys', () => {
    const s = peers(4, 4, 1);
    s[0] = { ...s[0], history: [0, 0, 0] };
    expect(peerOutliers(s).map((o) => o.key)).toEqual(['meta', 'tiktok', 'linkedin']);
    expect(() => peerOutliers([s[1], s[1], s[2]])).toThrow(/duplicate/);
  });

  it('flags under 2% of series when nothing departs (3 to 6 peers)', () => {
    let flagged = 0;
    let total = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const out = peerOutliers(peers(seed, 3 + (seed % 4), 1 + (seed % 5) / 10));
      total += out.length;
      flagged += out.filter((o) => o.score >= 0.5).length;
    }
    expect(flagged / total).toBeLessThan(0.02);
  });
});
