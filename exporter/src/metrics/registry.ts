import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/db';
import { runRollups } from '../store/rollups';
import { kpiLabels, labelName, type KpiSeriesRow } from './kpi-labels';

export interface ExporterMetricsOptions {
  seriesBudget: number;
  metricDimensions: string[];
  version: string;
}

/** The exporter's Prometheus registry: its own health, and the latest value of each KPI series in budget. */
export class ExporterMetrics {
  readonly registry = new Registry();
  /** kpi_value lives in its own registry, rendered once per snapshot, so a scrape only concatenates it. */
  private readonly kpiRegistry = new Registry();
  private kpiText = '';
  readonly ingestion: Counter<'model' | 'status'>;
  readonly events: Counter<'type' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly lastWrite: Gauge;
  readonly mlPredictions: Counter<'risk_level' | 'model_version'>;
  readonly mlPredictionDuration: Histogram<'model_version'>;
  readonly mlModelAccuracy: Gauge<'model_version'>;
  readonly mlModelBrier: Gauge<'model_version'>;
  readonly mlModelCalibrationError: Gauge<'model_version'>;
  readonly mlRealizedOutcomes: Gauge<'model_version'>;
  readonly mlAccountsAtRisk: Gauge<'org' | 'risk_level'>;
  readonly mlRevenueAtRisk: Gauge<'org' | 'risk_level'>;
  readonly mlFeatureDrift: Gauge<'feature' | 'model_version'>;
  private readonly kpiValue: Gauge;
  private readonly seriesTotal: Gauge;
  private readonly seriesExported: Gauge;
  private readonly seriesOmitted: Gauge;
  private readonly refreshSeconds: Gauge;
  readonly analysisDuration: Histogram<'model'>;
  /** Unix time and outcome (1 ok, 0 failed) of the last analysis run of each model on this replica. */
  readonly analysisLastRun: Gauge<'model'>;
  readonly analysisLastSuccess: Gauge<'model'>;
  private readonly insightsActive: Gauge<'model' | 'severity'>;
  /** Insights opened, by model and severity (counted by the replica whose run opened them). */
  readonly alertsTriggered: Counter<'model' | 'severity'>;
  private readonly anomalyScore: Gauge;
  private readonly forecast: Gauge;

  constructor(
    private readonly db: Db,
    private readonly opts: ExporterMetricsOptions,
  ) {
    const r = this.registry;
    collectDefaultMetrics({ register: r });
    new Gauge({
      name: 'kpilens_build_info',
      help: 'KPI Lens exporter build, always 1',
      labelNames: ['version', 'database'],
      registers: [r],
    }).set({ version: opts.version, database: db.kind }, 1);
    this.ingestion = new Counter({
      name: 'kpi_ingestion_total',
      help: 'KPI points received, by model and status (accepted, rejected: invalid input, failed: storage error)',
      labelNames: ['model', 'status'],
      registers: [r],
    });
    this.events = new Counter({
      name: 'kpi_events_total',
      help:
        'Business events received, by type and status (accepted: acknowledged, re-sent duplicates included, ' +
        'stored once; rejected: invalid input; failed: storage error)',
      labelNames: ['type', 'status'],
      registers: [r],
    });
    this.httpDuration = new Histogram({
      name: 'kpilens_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [r],
    });
    this.lastWrite = new Gauge({
      name: 'kpilens_last_successful_write_timestamp_seconds',
      help: 'Unix time of the last write committed to the database',
      registers: [r],
    });
    // Payment-risk scoring: counts by level, never per account (scores are read through the API).
    this.mlPredictions = new Counter({
      name: 'ml_predictions_total',
      help: 'Accounts scored by the payment-risk model, by risk level and model version',
      labelNames: ['risk_level', 'model_version'],
      registers: [r],
    });
    this.mlPredictionDuration = new Histogram({
      name: 'ml_prediction_duration_seconds',
      help: 'Time to score one batch of accounts: features from the database, inference, explanations, storage',
      labelNames: ['model_version'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [r],
    });
    // Realized quality: measured from outcomes of past predictions, absent until there are any.
    this.mlModelAccuracy = new Gauge({
      name: 'ml_model_accuracy',
      help: 'Realized ROC-AUC of the payment-risk predictions whose invoice came due in the last 90 days',
      labelNames: ['model_version'],
      registers: [r],
    });
    this.mlModelBrier = new Gauge({
      name: 'ml_model_brier_score',
      help: 'Realized Brier score of the payment-risk predictions whose invoice came due in the last 90 days',
      labelNames: ['model_version'],
      registers: [r],
    });
    this.mlModelCalibrationError = new Gauge({
      name: 'ml_model_calibration_error',
      help: 'Realized expected calibration error (10 bins) of the payment-risk predictions, last 90 days',
      labelNames: ['model_version'],
      registers: [r],
    });
    this.mlRealizedOutcomes = new Gauge({
      name: 'ml_model_realized_outcomes',
      help: 'Predictions with a known outcome behind the realized quality figures',
      labelNames: ['model_version'],
      registers: [r],
    });
    this.mlAccountsAtRisk = new Gauge({
      name: 'ml_accounts_by_risk_level',
      help: 'Accounts by the risk level of their latest payment-risk score',
      labelNames: ['org', 'risk_level'],
      registers: [r],
    });
    this.mlRevenueAtRisk = new Gauge({
      name: 'ml_revenue_at_risk',
      help: 'Amount of the upcoming invoices by the risk level of their account (latest score)',
      labelNames: ['org', 'risk_level'],
      registers: [r],
    });
    this.mlFeatureDrift = new Gauge({
      name: 'ml_feature_drift_psi',
      help: 'Population stability index of each model feature, last scoring pass against the training data',
      labelNames: ['feature', 'model_version'],
      registers: [r],
    });
    new Gauge({
      name: 'kpilens_db_pool_connections',
      help: 'Database connections by state (total, idle, waiting clients, max); PGlite has one connection',
      labelNames: ['state'],
      registers: [r],
      collect() {
        const s = db.poolStats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
        this.set({ state: 'max' }, s.max);
      },
    });
    const dimLabels = opts.metricDimensions.map(labelName);
    this.kpiValue = new Gauge({
      name: 'kpi_value',
      help:
        `Latest value of each KPI series. At most ${opts.seriesBudget} series are exported ` +
        `(KPILENS_SERIES_BUDGET; fewest dimensions, then most recently updated, first) and only series whose ` +
        `dimensions are among ${opts.metricDimensions.join(', ')} (KPILENS_METRIC_DIMENSIONS); ` +
        `the rest is counted in kpi_series_omitted and read through the API`,
      labelNames: ['org', 'model', 'metric', ...dimLabels],
      registers: [this.kpiRegistry],
    });
    this.seriesTotal = new Gauge({ name: 'kpi_series', help: 'KPI series stored', registers: [r] });
    this.seriesExported = new Gauge({
      name: 'kpi_series_exported',
      help: 'KPI series exported as kpi_value',
      registers: [r],
    });
    this.seriesOmitted = new Gauge({
      name: 'kpi_series_omitted',
      help: 'KPI series left out of kpi_value: over the series budget or with per-entity dimensions',
      registers: [r],
    });
    new Gauge({
      name: 'kpi_series_budget',
      help: 'Most KPI series exported as kpi_value (KPILENS_SERIES_BUDGET)',
      registers: [r],
    }).set(opts.seriesBudget);
    this.refreshSeconds = new Gauge({
      name: 'kpilens_kpi_snapshot_refresh_seconds',
      help: 'Time the last refresh of the kpi_value snapshot took',
      registers: [r],
    });
    this.analysisDuration = new Histogram({
      name: 'kpi_analysis_duration_seconds',
      help: 'Duration of analysis runs of a KPI model (runs another replica was doing are not counted)',
      labelNames: ['model'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [r],
    });
    this.analysisLastRun = new Gauge({
      name: 'kpi_analysis_last_run_timestamp_seconds',
      help: 'Unix time of the last analysis run of each KPI model on this replica',
      labelNames: ['model'],
      registers: [r],
    });
    this.analysisLastSuccess = new Gauge({
      name: 'kpi_analysis_last_run_success',
      help: 'Whether the last analysis run of each KPI model on this replica succeeded (1) or failed (0)',
      labelNames: ['model'],
      registers: [r],
    });
    this.alertsTriggered = new Counter({
      name: 'kpi_alerts_triggered_total',
      help: 'Insights opened by the analysis of KPI models, by model and severity',
      labelNames: ['model', 'severity'],
      registers: [r],
    });
    // Per series, for the series kpi_value exports (same budget and labels), in the snapshot registry.
    this.anomalyScore = new Gauge({
      name: 'kpi_anomaly_score',
      help: 'Anomaly score (0..1) of the latest hour of each KPI series at its model’s last analysis (series of kpi_value)',
      labelNames: ['org', 'model', 'metric', ...dimLabels],
      registers: [this.kpiRegistry],
    });
    this.forecast = new Gauge({
      name: 'kpi_forecast',
      help:
        'Forecast of each KPI series (series of kpi_value) at its model’s last analysis, `horizon` days ahead: ' +
        'the expected value (bound="yhat") and its prediction interval (lower, upper)',
      labelNames: ['org', 'model', 'metric', ...dimLabels, 'bound', 'horizon'],
      registers: [this.kpiRegistry],
    });
    this.insightsActive = new Gauge({
      name: 'kpi_insights_active',
      help: 'Insights not resolved yet, by KPI model and severity (all organizations)',
      labelNames: ['model', 'severity'],
      registers: [r],
    });
  }

  /** Open insights by model and severity, from the database (so every replica reports the same). */
  async refreshInsights(): Promise<void> {
    const { rows } = await this.db.query<{ model: string; severity: string; n: number }>(
      `SELECT model, severity, count(*)::int AS n FROM insights WHERE status <> 'resolved' GROUP BY 1, 2`,
    );
    this.insightsActive.reset();
    for (const r of rows) this.insightsActive.set({ model: r.model, severity: r.severity }, r.n);
  }

  /** kpi_anomaly_score and kpi_forecast of the exported series, from the last analysis of their model. */
  private async refreshAnalysisGauges(labelsOf: Map<number, Record<string, string>>): Promise<void> {
    this.anomalyScore.reset();
    this.forecast.reset();
    const ids = [...labelsOf.keys()];
    if (ids.length === 0) return;
    const scores = await this.db.query<{ series_id: number; score: number }>(
      'SELECT series_id, score FROM anomaly_scores WHERE series_id = ANY($1::int[])',
      [ids],
    );
    for (const r of scores.rows) this.anomalyScore.set(labelsOf.get(r.series_id)!, r.score);
    const forecasts = await this.db.query<{
      series_id: number;
      h: number;
      yhat: number;
      lower: number;
      upper: number;
    }>(
      // Point h - 1 is h days ahead (one a day from the first day after the last complete one).
      `SELECT f.series_id, h.h, (f.points -> (h.h - 1) ->> 'yhat')::float8 AS yhat,
              (f.points -> (h.h - 1) ->> 'lower')::float8 AS lower, (f.points -> (h.h - 1) ->> 'upper')::float8 AS upper
       FROM forecasts f CROSS JOIN (VALUES (7), (30), (90)) AS h(h)
       WHERE f.series_id = ANY($1::int[]) AND jsonb_array_length(f.points) >= h.h`,
      [ids],
    );
    for (const r of forecasts.rows) {
      const labels = labelsOf.get(r.series_id)!;
      const horizon = `${r.h}d`;
      this.forecast.set({ ...labels, bound: 'yhat', horizon }, r.yhat);
      this.forecast.set({ ...labels, bound: 'lower', horizon }, r.lower);
      this.forecast.set({ ...labels, bound: 'upper', horizon }, r.upper);
    }
  }

  /** The exposition text of a scrape: the exporter's own metrics, then the latest KPI snapshot. */
  async render(): Promise<string> {
    return (await this.registry.metrics()) + this.kpiText;
  }

  /** Reloads the KPI gauges from the database (a snapshot, so a scrape never waits for SQL). */
  async refreshKpiSnapshot(): Promise<void> {
    // Latest values are set by the rollup pass: fold pending writes so the snapshot is current.
    await runRollups(this.db);
    const started = performance.now();
    const { rows } = await this.db.query<KpiSeriesRow & { id: number; total: number }>(
      `SELECT s.id, o.slug AS org, s.model, s.metric, s.dimensions, s.last_value AS value, count(*) OVER ()::int AS total
       FROM series s JOIN organizations o ON o.id = s.org_id
       WHERE s.last_value IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys(s.dimensions) k WHERE k <> ALL($1::text[]))
       ORDER BY (SELECT count(*) FROM jsonb_object_keys(s.dimensions)), s.last_ts DESC, s.id
       LIMIT $2`,
      [this.opts.metricDimensions, this.opts.seriesBudget],
    );
    const all = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM series');
    this.kpiValue.reset();
    let exported = 0;
    const labelsOf = new Map<number, Record<string, string>>();
    for (const row of rows) {
      const labels = kpiLabels(row, this.opts.metricDimensions);
      if (!labels) continue;
      this.kpiValue.set(labels, row.value);
      labelsOf.set(row.id, labels);
      exported++;
    }
    await this.refreshAnalysisGauges(labelsOf);
    this.kpiText = await this.kpiRegistry.metrics();
    const total = all.rows[0]?.n ?? 0;
    this.seriesTotal.set(total);
    this.seriesExported.set(exported);
    this.seriesOmitted.set(total - exported);
    this.refreshSeconds.set((performance.now() - started) / 1000);
  }
}
