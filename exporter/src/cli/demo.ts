import { writeFileSync } from 'node:fs';
import { runScoringPass } from '../accounts/schedule';
import { Option, type Command } from 'commander';
import { migrate } from '../db/migrate';
import { describeDb, openDb } from '../db/open';
import { DemoGenerator } from '../demo/generate';
import type { Incident } from '../demo/incidents';
import { livePoints } from '../demo/live';
import { DEMO_ACCOUNTS, demoPaymentData, loadDemoAccounts } from '../demo/accounts';
import { issueDemoKey, loadDemo, type LoadReport } from '../demo/load';
import { DEFAULT_DAYS, DEFAULT_SEED } from '../demo/timeline';
import { normalizePoints } from '../ingest/normalize-points';
import { storeNormalized, timeBounds } from '../http/ingest-service';
import { every, makeLogger, startExporter } from '../server';
import { configFrom, onSignals, withConfigFlags } from './common';
import { printUrls } from './serve';

function positiveInt(name: string, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > max)
      throw new Error(`${name}: expected an integer from 1 to ${max}, got ${JSON.stringify(raw)}`);
    return n;
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

function describeIncident(i: Incident): string {
  const dims = Object.entries(i.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const change = `${i.magnitude > 0 ? '+' : ''}${Math.round(i.magnitude * 100)}%`;
  return `  ${day(i.startMs)} -> ${day(i.endMs)} UTC  ${i.model}/${i.metric}{${dims}} ${i.direction} ${change}  (${i.id})`;
}

function describeLoad(r: LoadReport): string {
  const range = `${day(r.fromMs)} -> ${day(r.toMs)} UTC`;
  const timing = `${r.points} points in ${((r.writeMs + r.rollupMs) / 1000).toFixed(1)} s (writes ${(r.writeMs / 1000).toFixed(1)} s, rollups ${(r.rollupMs / 1000).toFixed(1)} s)`;
  return r.mode === 'history'
    ? `Loaded ${r.spec.days} days of demo history, ${range}: ${timing}\n`
    : r.points === 0
      ? `Demo history already loaded (since ${day(r.spec.startMs)} UTC); nothing to catch up\n`
      : `Demo history already loaded (since ${day(r.spec.startMs)} UTC); caught up ${range}: ${timing}\n`;
}

export function registerDemoCommand(program: Command): void {
  withConfigFlags(
    program
      .command('demo')
      .description(
        'run the exporter with demo data: months of KPI history with injected incidents, then live points',
      )
      .addOption(
        new Option('--days <n>', 'days of history to load into an empty demo organization')
          .default(DEFAULT_DAYS)
          .argParser(positiveInt('--days', 3650)),
      )
      .addOption(
        new Option('--seed <n>', 'random seed of the demo data')
          .default(DEFAULT_SEED)
          .argParser(positiveInt('--seed', 2 ** 31)),
      )
      .option('--org <slug>', 'demo organization', 'demo')
      .option('--no-live', 'do not feed live points after loading')
      .addOption(
        new Option('--live-interval <seconds>', 'seconds between live updates')
          .default(10)
          .argParser(positiveInt('--live-interval', 3600)),
      )
      .option('--manifest-out <file>', 'also write the incident manifest (JSON) to this file')
      .addOption(
        new Option(
          '--score-weeks <n>',
          'score the accounts weekly over the last n weeks first (a score history, and live model quality from invoices since due)',
        ).argParser(positiveInt('--score-weeks', 104)),
      ),
    true,
  ).action(async (opts) => {
    const config = configFrom(opts);
    const log = makeLogger(config);
    const out = (s: string) => process.stdout.write(s);
    const db = await openDb(config);
    let closeDb: (() => Promise<void>) | null = () => db.close();
    // Ctrl+C while preparing or loading stops after the current chunk; the next start resumes from there.
    const abort = new AbortController();
    const onStop = () => abort.abort();
    process.once('SIGINT', onStop).once('SIGTERM', onStop);
    try {
      const applied = await migrate(db);
      if (applied.length)
        log.info({ migrations: applied.map((m) => `${m.version}_${m.name}`) }, 'migrations applied');
      const key = await issueDemoKey(db, opts.org);
      out(`Demo data in ${describeDb(config)}, organization "${opts.org}"\n`);
      const report = await loadDemo(db, {
        orgId: key.orgId,
        nowMs: Date.now(),
        days: opts.days,
        seed: opts.seed,
        bounds: { minMs: Date.parse(config.minTimestamp), maxFutureSkewMs: config.maxFutureSkewMs },
        signal: abort.signal,
        onProgress: process.stdout.isTTY
          ? (done, total) => out(`\rLoading demo data: ${Math.round((100 * done) / total)} %`)
          : undefined,
      });
      if (process.stdout.isTTY) out('\r\x1b[K');
      if (report.interrupted) {
        out('Stopped while loading; the next start resumes where this one stopped.\n');
        return;
      }
      out(describeLoad(report));
      // Payment-risk demo: customers of varied payment behaviour, scored by the exporter's schedule or on demand.
      const accounts = await loadDemoAccounts(
        db,
        key.orgId,
        demoPaymentData(opts.seed, Date.now(), DEMO_ACCOUNTS),
      );
      out(`${accounts} demo accounts with a year of invoices and payments (GET /api/v1/accounts)\n`);
      const gen = new DemoGenerator(report.spec);
      if (opts.manifestOut) writeFileSync(opts.manifestOut, `${JSON.stringify(gen.incidents, null, 2)}\n`);

      if (abort.signal.aborted) return;
      const running = await startExporter(config, { db, migrate: false, log });
      closeDb = null;
      if (abort.signal.aborted) {
        await running.stop();
        await db.close();
        return;
      }
      if (opts.scoreWeeks) {
        // What the hourly schedule would have stored had the exporter run for those weeks.
        let scored = 0;
        for (let w = opts.scoreWeeks; w >= 1; w--) {
          const asOf = new Date(Math.floor((Date.now() - w * 7 * 86_400_000) / 3_600_000) * 3_600_000);
          scored += (await runScoringPass(db, running.ctx.models, asOf)).scored;
        }
        out(`${scored} scores of the last ${opts.scoreWeeks} weeks stored (one pass a week)\n`);
      }
      const principal = {
        orgId: key.orgId,
        orgSlug: opts.org,
        keyId: key.keyId,
        keyName: 'demo',
        scopes: ['ingest' as const, 'read' as const],
      };
      // Live points go through the API's own write path: admission gate, transaction, ingestion metrics.
      // From the end of what was loaded: an hour that ended during the load is written by the first tick.
      let finalUpTo = report.toMs;
      const tick = async () => {
        const next = livePoints(gen, finalUpTo, Date.now());
        const { points, errors } = normalizePoints(next.points, timeBounds(running.ctx));
        if (errors.length) throw new Error(`invalid live points: ${JSON.stringify(errors.slice(0, 3))}`);
        const r = await storeNormalized(running.ctx, principal, points);
        finalUpTo = next.finalUpTo;
        log.debug({ ...r }, 'demo live points written');
      };
      let stopLive: (() => Promise<void>) | null = null;
      // From here on a signal stops the exporter; no await between the two handlers, so none is missed.
      process.off('SIGINT', onStop).off('SIGTERM', onStop);
      onSignals(async () => {
        await stopLive?.();
        await running.stop();
        await db.close();
      });
      if (opts.live) {
        await tick().catch((err) => log.warn({ err }, 'demo live points failed; will retry'));
        stopLive = every(opts.liveInterval * 1000, log, 'demo-live', tick);
      }

      printUrls(running.url);
      const q = `${running.url}/api/v1`;
      const from = new Date(report.spec.startMs).toISOString();
      out(
        [
          `Demo API key for "${opts.org}" (ingest, read). It is shown once; each demo start revokes the previous one${key.revoked.length ? ` (revoked ${key.revoked.join(', ')})` : ''}:`,
          `  ${key.key}`,
          '',
          'Try it:',
          `  curl -H "Authorization: Bearer ${key.key}" "${q}/series?model=marketing&metric=ctr&dim.platform=meta"`,
          `  curl -H "Authorization: Bearer ${key.key}" "${q}/query?model=revenue&metric=payment_failure_rate&dim.method=card&from=${from}&to=${new Date().toISOString()}&intervalMs=86400000"`,
          '',
          gen.incidents.length
            ? 'Injected incidents (see docs/demo.md):'
            : 'No injected incidents fit in this history (they need up to 88 days; see docs/demo.md).',
          ...gen.incidents.map(describeIncident),
          '',
          opts.live
            ? `Feeding live points every ${opts.liveInterval} s (the current hour so far). Stop with Ctrl+C.`
            : 'Live feed off (--no-live). Stop with Ctrl+C.',
          '',
        ].join('\n'),
      );
    } finally {
      process.off('SIGINT', onStop).off('SIGTERM', onStop);
      // Only on a failure before the exporter took over the database.
      if (closeDb) await closeDb();
    }
  });
}
