import { DriftCounter, driftReference, featureReference, psi } from './drift';

// A deterministic spread of values (no randomness: the figures below are exact for this input).
const uniform = (n: number, from = 0, to = 1) =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * (i + 0.5)) / n);

describe('population stability index', () => {
  it('bins training values on their deciles, missing values apart', () => {
    const ref = featureReference([...uniform(1000), NaN, NaN]);
    expect(ref.edges).toHaveLength(9);
    expect(ref.edges[4]).toBeCloseTo(0.5, 2);
    expect(ref.shares).toHaveLength(11);
    expect(ref.shares[10]).toBeCloseTo(2 / 1002, 12);
    expect(ref.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is near 0 for the same distribution and grows with the shift', () => {
    const ref = featureReference(uniform(10_000));
    const same = psi(ref, uniform(3_000));
    const small = psi(ref, uniform(3_000, 0.1, 1.1));
    const large = psi(ref, uniform(3_000, 0.5, 1.5));
    expect(same).toBeLessThan(0.001);
    expect(small).toBeGreaterThan(same);
    expect(large).toBeGreaterThan(0.25);
    expect(large).toBeGreaterThan(small);
  });

  it('counts more missing values as drift', () => {
    const ref = featureReference(uniform(1000));
    expect(psi(ref, [...uniform(500), ...Array(500).fill(NaN)])).toBeGreaterThan(0.25);
  });

  it('keeps few distinct values to as many bins, and has no figure without live rows', () => {
    const ref = featureReference([...Array(700).fill(0), ...Array(300).fill(1)]);
    expect(ref.edges).toEqual([0, 1]);
    // 0 -> bin 0, 1 -> bin 1 (edge 1 is inclusive): 70% / 30%, nothing missing.
    expect(ref.shares).toEqual([0.7, 0.3, 0, 0]);
    expect(psi(ref, [])).toBeNaN();
  });

  it('counts live rows per feature into the same figures as psi()', () => {
    const train = uniform(2000).map((v, i) => [v, i % 2]);
    const ref = driftReference(train, ['x', 'flag']);
    const counter = new DriftCounter(ref);
    const live = uniform(600, 0.3, 1.3).map((v) => [v, 1]);
    live.forEach((r) => counter.add(r));
    const got = counter.psiByFeature();
    expect(got.get('x')).toBeCloseTo(
      psi(
        ref.references[0],
        live.map((r) => r[0]),
      ),
      12,
    );
    expect(got.get('flag')).toBeCloseTo(
      psi(
        ref.references[1],
        live.map((r) => r[1]),
      ),
      12,
    );
    expect(got.get('flag')!).toBeGreaterThan(0.25);
    expect(new DriftCounter(ref).psiByFeature().size).toBe(0);
  });
});
