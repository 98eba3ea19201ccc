import type { FastifyBaseLogger } from 'fastify';
import type { ModelHolder } from '../accounts/model-holder';
import type { Config } from '../config';
import type { Db } from '../db/db';
import type { IngestionRate } from '../ingest/ingestion-rate';
import type { ExporterMetrics } from '../metrics/registry';
import type { ModelCatalog } from '../models/catalog';
import type { KeyPrincipal } from '../store/api-keys';
import type { SeriesRegistry } from '../store/series';
import type { WriteGate } from './admission';

/** Everything a route needs, built once per exporter instance (no module-level singletons). */
export interface AppContext {
  config: Config;
  db: Db;
  metrics: ExporterMetrics;
  seriesRegistry: SeriesRegistry;
  /** Points stored per organization over the last hour on this replica. */
  ingestionRate: IngestionRate;
  writeGate: WriteGate;
  /** The payment-risk model served (opened on first use). */
  models: ModelHolder;
  /** The KPI models analysed for insights (built-in, KPILENS_MODELS_DIR files, code). */
  kpiModels: ModelCatalog;
  version: string;
  log: FastifyBaseLogger;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: KeyPrincipal;
  }
  interface FastifyContextConfig {
    /** Scope an API key needs for this route; absent = public route. */
    scope?: 'ingest' | 'read' | 'admin';
  }
}
