// The training set from the database: stored histories through the same loader and feature builder
// as serving, a batch of accounts at a time.
import type { Queryable } from '../db/db';
import { type TrainingExample, invoiceOutcomeExamples } from '../ml/training-set';
import { listAccounts, loadHistories } from './store';

export async function organizationId(q: Queryable, slug: string): Promise<number | undefined> {
  const { rows } = await q.query<{ id: number }>('SELECT id FROM organizations WHERE slug = $1', [slug]);
  return rows[0]?.id;
}

export interface DatabaseExampleOptions {
  /** Accounts read per query round. */
  batch?: number;
  /** Only invoices due after this date (e.g. the credit-default outcome: statements due in October 2005). */
  dueAfter?: Date;
}

/** Every invoice of the organization due by `now`, as a training row (see invoiceOutcomeExamples). */
export async function databaseExamples(
  q: Queryable,
  orgId: number,
  now: Date,
  { batch = 5000, dueAfter }: DatabaseExampleOptions = {},
): Promise<TrainingExample[]> {
  const out: TrainingExample[] = [];
  for (let after: string | undefined; ;) {
    const page = await listAccounts(q, orgId, batch, after);
    if (page.length === 0) break;
    const ids = page.map((a) => a.id);
    const histories = await loadHistories(q, orgId, ids);
    // In id order, so the same data always gives the same file.
    for (const id of ids) {
      const h = histories.get(id);
      if (h) out.push(...invoiceOutcomeExamples(h, now, dueAfter));
    }
    after = ids[ids.length - 1];
    if (page.length < batch) break;
  }
  return out;
}
