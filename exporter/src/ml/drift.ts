// Feature drift as the population stability index (PSI): live values of a feature binned on the
// deciles of its training values, with missing values (NaN) as a bin of their own, since "no data"
// becoming more frequent is drift as well.

export const DRIFT_BINS = 10;
// Empty bins would make the logarithm infinite; a small floor keeps one empty bin from dominating.
const FLOOR = 1e-4;

export interface FeatureReference {
  /** Inclusive upper edges of the value bins (ascending, deduplicated); above the last is one more bin. */
  edges: number[];
  /** Share of training rows per value bin (edges.length + 1 of them), then of missing values; sums to 1. */
  shares: number[];
}

function binOf(edges: readonly number[], v: number): number {
  if (Number.isNaN(v)) return edges.length + 1;
  let lo = 0;
  let hi = edges.length; // first edge >= v, or edges.length (the open top bin)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shares(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i])]++;
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

/** The reference of one feature from its training values. */
export function featureReference(values: ArrayLike<number>, bins = DRIFT_BINS): FeatureReference {
  const present = Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins && present.length > 0; b++) {
    const edge = present[Math.min(present.length - 1, Math.floor((b * present.length) / bins))];
    // Features with few distinct values (counts, ratios of 0 and 1) have fewer bins, never empty repeats.
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return { edges, shares: shares(edges, values) };
}

function psiOfShares(reference: FeatureReference, actual: readonly number[]): number {
  let s = 0;
  for (let b = 0; b < actual.length; b++) {
    const a = Math.max(actual[b], FLOOR);
    const e = Math.max(reference.shares[b], FLOOR);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/** PSI of live values against the reference: 0 when alike; above 0.25 is usually read as a shift. */
export function psi(reference: FeatureReference, live: ArrayLike<number>): number {
  if (live.length === 0) return NaN;
  return psiOfShares(reference, shares(reference.edges, live));
}

/** The training distribution of every model feature, kept beside the model as reference.json. */
export interface DriftReference {
  features: string[];
  references: FeatureReference[];
}

export function driftReference(
  rows: readonly (readonly number[])[],
  features: readonly string[],
): DriftReference {
  return {
    features: [...features],
    references: features.map((_, f) => featureReference(rows.map((r) => r[f]))),
  };
}

/** Live feature rows counted into the reference bins as they are scored (no rows kept in memory). */
export class DriftCounter {
  private readonly counts: number[][];
  private rows = 0;

  constructor(private readonly reference: DriftReference) {
    this.counts = reference.references.map((r) => new Array<number>(r.edges.length + 2).fill(0));
  }

  add(row: ArrayLike<number>): void {
    this.reference.references.forEach((r, f) => this.counts[f][binOf(r.edges, row[f])]++);
    this.rows++;
  }

  /** PSI per feature name; empty when no row was counted. */
  psiByFeature(): Map<string, number> {
    if (this.rows === 0) return new Map();
    return new Map(
      this.reference.features.map((name, f) => [
        name,
        psiOfShares(
          this.reference.references[f],
          this.counts[f].map((c) => c / this.rows),
        ),
      ]),
    );
  }
}
