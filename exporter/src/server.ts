import pino, { type Logger } from 'pino';
import { ModelHolder } from './accounts/model-holder';
import { measureRealizedQuality } from './accounts/realized';
import { riskSummary, writeRiskKpis } from './accounts/risk-summary';
import {
  metricsObserver,
  reportDrift,
  reportQuality,
  reportRiskSummary,
  runScoringPass,
  slotOf,
} from './accounts/schedule';
import type { Config } from './config';
import { IngestionRate } from './ingest/ingestion-rate';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { describeDb, openDb } from './db/open';
import { WriteGate } from './http/admission';
import { buildApp, type RouteModule } from './http/app';
import type { KpiApp } from './http/app-types';
import type { AppContext } from './http/context';
import { ExporterMetrics } from './metrics/registry';
import { loadModelCatalog } from './models/catalog';
import type { KpiModel } from './models/kpi-model';
import { runScheduledAnalyses } from './models/schedule';
import { runRollups } from './store/rollups';
import { SeriesRegistry } from './store/series';
import { VERSION } from './version';

export interface RunningExporter {
  app: KpiApp;
  ctx: AppContext;
  url: string;
  /** Finishes in-flight requests and writes, stops background work, closes the database. */
  stop(): Promise<void>;
}

export function makeLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'kpilens-exporter' } });
}

/** A repeating background task that never overlaps itself and logs (not throws) its failures. */
export function every(
  ms: number,
  log: Logger,
  name: string,
  fn: () => Promise<unknown>,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = fn()
      .catch((err) => log.warn({ err, task: name }, 'background task failed; will retry'))
      .finally(() => (running = null));
  }, ms);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
  };
}

export async function startExporter(
  config: Config,
  opts: { db?: Db; migrate?: boolean; log?: Logger; routes?: RouteModule[]; kpiModels?: KpiModel[] } = {},
): Promise<RunningExporter> {
  const log = opts.log ?? makeLogger(config);
  // Model files are checked before anything opens: a bad file stops the start naming file and field.
  const kpiModels = loadModelCatalog(config.modelsDir, opts.kpiModels);
  const db = opts.db ?? (await openDb(config));
  log.info({ database: describeDb(config) }, 'database opened');
  if (opts.migrate !== false) {
    const applied = await migrate(db);
    if (applied.length)
      log.info({ migrations: applied.map((m) => `${m.version}_${m.name}`) }, 'migrations applied');
  }
  const metrics = new ExporterMetrics(db, {
    seriesBudget: config.seriesBudget,
    metricDimensions: config.metricDimensions,
    version: VERSION,
  });
  const ctx: AppContext = {
    config,
    db,
    metrics,
    seriesRegistry: new SeriesRegistry(),
    ingestionRate: new IngestionRate(),
    // PGlite runs one statement at a time: more concurrent writers would only wait.
    writeGate: new WriteGate(db.kind === 'pglite' ? 2 : config.dbPoolMax, config.dbMaxQueuedWrites),
    models: new ModelHolder(),
    kpiModels,
    version: VERSION,
    log,
  };
  const app = await buildApp(ctx, opts.routes);
  await metrics.refreshKpiSnapshot().catch((err) => log.warn({ err }, 'KPI snapshot failed'));
  const stopRollups = every(config.rollupIntervalMs, log, 'rollups', async () => {
    while ((await runRollups(db)) > 0);
  });
  const stopSnapshot = every(5000, log, 'kpi-snapshot', () => metrics.refreshKpiSnapshot());
  const scoringMs = config.scoringIntervalMs;
  const stopScoring =
    scoringMs > 0
      ? every(scoringMs, log, 'account-scoring', async () => {
          const asOf = new Date(slotOf(Date.now(), scoringMs));
          // A switch made on another replica is followed first; a version that does not load here is logged.
          await ctx.models
            .follow(db)
            .catch((err) =>
              log.error({ err }, 'recorded payment-risk model refused; the current one keeps serving'),
            );
          const pass = await runScoringPass(db, ctx.models, asOf, { observe: metricsObserver(metrics) });
          if (pass.ran) log.info({ asOf, scored: pass.scored }, 'accounts scored');
          reportDrift(metrics, pass);
          // Written by the replica that ran the pass, once per slot, into the hour's KPI points.
          if (pass.ran) await writeRiskKpis(db, ctx.seriesRegistry, asOf);
          // Every replica reports the same figures: they come from the database.
          reportQuality(metrics, await measureRealizedQuality(db, new Date()));
          reportRiskSummary(metrics, await riskSummary(db));
        })
      : async () => undefined;
  const stopAnalysis =
    config.analysisIntervalMs > 0
      ? every(config.analysisIntervalMs, log, 'kpi-analysis', () =>
          runScheduledAnalyses(ctx, config.analysisIntervalMs),
        )
      : async () => undefined;
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: finishing in-flight requests');
      // Past the timeout, open connections are cut; writes already acknowledged are committed either way.
      let timer: NodeJS.Timeout | undefined;
      // close() reaps idle keep-alive connections once; a connection whose request finishes afterwards would
      // hold the server open until its keep-alive timeout, so reap again until every connection is gone.
      const reaper = setInterval(() => app.server.closeIdleConnections(), 50);
      await Promise.race([
        app.close(),
        new Promise<void>((r) => (timer = setTimeout(r, config.shutdownTimeoutMs))),
      ]).finally(() => {
        clearTimeout(timer);
        clearInterval(reaper);
      });
      await ctx.writeGate.drain();
      await stopRollups();
      await stopSnapshot();
      await stopScoring();
      await stopAnalysis();
      await ctx.models.close();
      await runRollups(db).catch(() => undefined);
      if (!opts.db) await db.close();
      log.info('stopped');
    })());
  return { app, ctx, url, stop };
}
