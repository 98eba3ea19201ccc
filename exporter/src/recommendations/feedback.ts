// How users' decisions on a kind of recommendation change how that kind ranks later.

export interface KindFeedback {
  /** accepted or done */
  accepted: number;
  dismissed: number;
}

/**
 * Ranking factor of a kind from its decisions: 0.5 + the acceptance rate with a Beta(2, 2) prior, so a
 * kind without decisions keeps factor 1, a kind always accepted tends to 1.5 and one always dismissed to 0.5.
 */
export function feedbackFactor(f: KindFeedback | undefined): number {
  if (!f) return 1;
  const rate = (f.accepted + 2) / (f.accepted + f.dismissed + 4);
  return 0.5 + rate;
}

/** The ranking score of a recommendation: the strength of its evidence times its kind's feedback factor. */
export function rankScore(baseScore: number, f: KindFeedback | undefined): number {
  return Math.round(baseScore * feedbackFactor(f) * 1e4) / 1e4;
}

/** The counts per kind from decided recommendations. */
export function feedbackByKind(
  rows: ReadonlyArray<{ kind: string; status: string }>,
): Map<string, KindFeedback> {
  const out = new Map<string, KindFeedback>();
  for (const r of rows) {
    if (r.status !== 'accepted' && r.status !== 'done' && r.status !== 'dismissed') continue;
    let f = out.get(r.kind);
    if (!f) out.set(r.kind, (f = { accepted: 0, dismissed: 0 }));
    if (r.status === 'dismissed') f.dismissed++;
    else f.accepted++;
  }
  return out;
}
