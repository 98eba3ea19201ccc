// Run by the live test in its own process (ONNX runtime outside jest): the payment-risk scoring the
// exporter would have done weekly over the last three months, with the shipped model, so the realized
// quality figures (live AUC, calibration) have predictions whose invoices already came due.

import { ModelHolder } from '../../exporter/src/accounts/model-holder';
import { runScoringPass } from '../../exporter/src/accounts/schedule';
import { loadConfig } from '../../exporter/src/config';
import { openDb } from '../../exporter/src/db/open';

const DAY_MS = 86_400_000;

async function main(): Promise<void> {
  const db = await openDb(loadConfig(process.env));
  try {
    const models = new ModelHolder();
    let scored = 0;
    for (let days = 91; days >= 7; days -= 7) {
      const asOf = new Date(Math.floor((Date.now() - days * DAY_MS) / 3_600_000) * 3_600_000);
      scored += (await runScoringPass(db, models, asOf)).scored;
    }
    process.stdout.write(`backfilled ${scored} scores\n`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
