import type { Db } from '../db/db';
import type { NarrativeWriter } from './llm';

export interface InsightRewriteOutcome {
  rewritten: number;
  /** Insights whose template stays (endpoint error, timeout, a figure dropped). */
  kept: number;
}

/** Most messages sent to the endpoint after one run: a run with many new conditions must not wait long. */
export const MAX_REWRITES_PER_RUN = 20;
// Requests at a time: the endpoint is remote and slow, but it must not be flooded either.
const CONCURRENCY = 4;

/**
 * After an analysis run, the messages of the model's open insights that have no rewrite of their current
 * template yet are rewritten by the endpoint (English, as stored) and kept beside the template. The
 * template stays the message whenever the endpoint fails, is too slow or drops a figure (NarrativeWriter).
 */
export async function rewriteInsightMessages(
  db: Db,
  writer: NarrativeWriter,
  orgId: number,
  model: string,
  limit = MAX_REWRITES_PER_RUN,
): Promise<InsightRewriteOutcome> {
  const out: InsightRewriteOutcome = { rewritten: 0, kept: 0 };
  if (!writer.enabled) return out;
  const { rows } = await db.query<{ id: number; message: string }>(
    `SELECT id, message FROM insights WHERE org_id = $1 AND model = $2 AND status <> 'resolved'
       AND rewritten_from IS DISTINCT FROM message ORDER BY severity = 'critical' DESC, id DESC LIMIT $3`,
    [orgId, model, limit],
  );
  let next = 0;
  const work = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const r = await writer.rewrite(row.message, 'en');
      if (!r.rewritten) {
        out.kept++;
        continue;
      }
      // Only onto the template it was made from: a run may have changed the message meanwhile.
      await db.query(
        'UPDATE insights SET message_rewritten = $2, rewritten_from = $3 WHERE id = $1 AND message = $3',
        [row.id, r.text, row.message],
      );
      out.rewritten++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, work));
  return out;
}
