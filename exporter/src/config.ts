/**
 * Exporter configuration: environment variables, overridable by CLI flags, validated at start.
 * A bad value stops the start with a message naming the variable and what was expected.
 */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  importLimitBytes: number;
  rateLimitPerMinute: number;
  dbPoolMax: number;
  dbMaxQueuedWrites: number;
  dbStatementTimeoutMs: number;
  seriesBudget: number;
  metricDimensions: string[];
  metricsToken: string | undefined;
  rollupIntervalMs: number;
  scoringIntervalMs: number;
  analysisIntervalMs: number;
  modelsDir: string | undefined;
  keyCacheTtlMs: number;
  maxFutureSkewMs: number;
  minTimestamp: string;
  shutdownTimeoutMs: number;
  llmUrl: string | undefined;
  llmModel: string | undefined;
  llmApiKey: string | undefined;
  llmTimeoutMs: number;
}

type Kind =
  | { type: 'int'; min: number; max: number }
  | { type: 'string'; pattern?: RegExp; expected?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; item: RegExp };

interface Setting {
  key: keyof Config;
  env: string;
  kind: Kind;
  default?: string;
  help: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const SETTINGS: Setting[] = [
  {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    kind: { type: 'string', pattern: /^postgres(ql)?:\/\//, expected: 'a postgres:// or postgresql:// URL' },
    help: 'PostgreSQL connection URL; when unset the embedded PGlite database is used',
  },
  {
    key: 'dataDir',
    env: 'KPILENS_DATA_DIR',
    kind: { type: 'string' },
    default: '.kpilens/data',
    help: 'directory of the embedded database (when DATABASE_URL is unset)',
  },
  { key: 'host', env: 'KPILENS_HOST', kind: { type: 'string' }, default: '0.0.0.0', help: 'listen address' },
  {
    key: 'port',
    env: 'KPILENS_PORT',
    kind: { type: 'int', min: 0, max: 65535 },
    default: '9470',
    help: 'listen port (0 = any free port)',
  },
  {
    key: 'logLevel',
    env: 'KPILENS_LOG_LEVEL',
    kind: { type: 'enum', values: LOG_LEVELS },
    default: 'info',
    help: 'log level',
  },
  {
    key: 'bodyLimitBytes',
    env: 'KPILENS_BODY_LIMIT_BYTES',
    kind: { type: 'int', min: 1024, max: 1 << 30 },
    default: String(32 << 20),
    help: 'largest JSON request body (413 above)',
  },
  {
    key: 'importLimitBytes',
    env: 'KPILENS_IMPORT_LIMIT_BYTES',
    kind: { type: 'int', min: 1024, max: Number.MAX_SAFE_INTEGER },
    default: String(10 * 1024 ** 3),
    help: 'largest streamed CSV import over HTTP (413 above)',
  },
  {
    key: 'rateLimitPerMinute',
    env: 'KPILENS_RATE_LIMIT_PER_MINUTE',
    kind: { type: 'int', min: 1, max: 10_000_000 },
    default: '1200',
    help: 'requests per API key per minute (429 with Retry-After above)',
  },
  {
    key: 'dbPoolMax',
    env: 'KPILENS_DB_POOL_MAX',
    kind: { type: 'int', min: 1, max: 200 },
    default: '10',
    help: 'PostgreSQL connections',
  },
  {
    key: 'dbMaxQueuedWrites',
    env: 'KPILENS_DB_MAX_QUEUED_WRITES',
    kind: { type: 'int', min: 0, max: 10000 },
    default: '20',
    help: 'writes allowed to wait for the database before answering 503 with Retry-After',
  },
  {
    key: 'dbStatementTimeoutMs',
    env: 'KPILENS_DB_STATEMENT_TIMEOUT_MS',
    kind: { type: 'int', min: 100, max: 3_600_000 },
    default: '60000',
    help: 'PostgreSQL statement timeout',
  },
  {
    key: 'seriesBudget',
    env: 'KPILENS_SERIES_BUDGET',
    kind: { type: 'int', min: 0, max: 1_000_000 },
    default: '5000',
    help: 'most KPI series exported as Prometheus gauges; the rest is counted, not exported',
  },
  {
    key: 'metricDimensions',
    env: 'KPILENS_METRIC_DIMENSIONS',
    kind: { type: 'list', item: /^[A-Za-z][A-Za-z0-9_]{0,62}$/ },
    default: 'platform,campaignId,source,method,plan,currency,channel,region,app',
    help: 'dimensions exported as Prometheus labels; series with other dimensions stay out of /metrics',
  },
  {
    key: 'metricsToken',
    env: 'KPILENS_METRICS_TOKEN',
    kind: { type: 'string', pattern: /^\S{16,}$/, expected: 'at least 16 characters without spaces' },
    help: 'when set, /metrics requires "Authorization: Bearer <token>"',
  },
  {
    key: 'rollupIntervalMs',
    env: 'KPILENS_ROLLUP_INTERVAL_MS',
    kind: { type: 'int', min: 50, max: 3_600_000 },
    default: '1000',
    help: 'how often new points are folded into the 1m/1h/1d rollups',
  },
  {
    key: 'scoringIntervalMs',
    env: 'KPILENS_SCORING_INTERVAL_MS',
    kind: { type: 'int', min: 0, max: 86_400_000 },
    default: '3600000',
    help: 'how often every account gets a payment-risk score (once across replicas; 0 = only on demand)',
  },
  {
    key: 'analysisIntervalMs',
    env: 'KPILENS_ANALYSIS_INTERVAL_MS',
    kind: { type: 'int', min: 0, max: 86_400_000 },
    default: '3600000',
    help: 'how often every KPI model is analysed for insights (once across replicas; 0 = only on demand)',
  },
  {
    key: 'modelsDir',
    env: 'KPILENS_MODELS_DIR',
    kind: { type: 'string' },
    help: 'directory of KPI model files (*.json, one model each; docs/models.md), checked at start',
  },
  {
    key: 'keyCacheTtlMs',
    env: 'KPILENS_KEY_CACHE_TTL_MS',
    kind: { type: 'int', min: 0, max: 3_600_000 },
    default: '10000',
    help: 'how long a verified API key is trusted before it is checked again (revocation delay)',
  },
  {
    key: 'maxFutureSkewMs',
    env: 'KPILENS_MAX_FUTURE_SKEW_MS',
    kind: { type: 'int', min: 0, max: 31_536_000_000 },
    default: String(24 * 3600 * 1000),
    help: 'how far in the future a timestamp may be',
  },
  {
    key: 'minTimestamp',
    env: 'KPILENS_MIN_TIMESTAMP',
    kind: { type: 'string', pattern: /^\d{4}-\d{2}-\d{2}/, expected: 'an ISO 8601 date' },
    default: '1990-01-01T00:00:00Z',
    help: 'earliest accepted timestamp',
  },
  {
    key: 'shutdownTimeoutMs',
    env: 'KPILENS_SHUTDOWN_TIMEOUT_MS',
    kind: { type: 'int', min: 0, max: 600_000 },
    default: '15000',
    help: 'how long shutdown waits for in-flight requests',
  },
  {
    key: 'llmUrl',
    env: 'KPILENS_LLM_URL',
    kind: { type: 'string', pattern: /^https?:\/\/\S+$/, expected: 'an http:// or https:// URL' },
    help: 'OpenAI-compatible endpoint (POST {url}/chat/completions) that may rewrite narratives; unset: templates only',
  },
  {
    key: 'llmModel',
    env: 'KPILENS_LLM_MODEL',
    kind: { type: 'string' },
    help: 'model name sent to KPILENS_LLM_URL (required with it)',
  },
  {
    key: 'llmApiKey',
    env: 'KPILENS_LLM_API_KEY',
    kind: { type: 'string' },
    help: 'bearer key for KPILENS_LLM_URL, if it needs one',
  },
  {
    key: 'llmTimeoutMs',
    env: 'KPILENS_LLM_TIMEOUT_MS',
    kind: { type: 'int', min: 100, max: 120_000 },
    default: '10000',
    help: 'how long a rewrite may take before the template is used',
  },
];

export class ConfigError extends Error {}

function parseSetting(s: Setting, raw: string): unknown {
  const bad = (expected: string) =>
    new ConfigError(`${s.env}: expected ${expected}, got ${JSON.stringify(raw)} (${s.help})`);
  switch (s.kind.type) {
    case 'int': {
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || n < s.kind.min || n > s.kind.max)
        throw bad(`an integer from ${s.kind.min} to ${s.kind.max}`);
      return n;
    }
    case 'enum':
      if (!s.kind.values.includes(raw)) throw bad(`one of ${s.kind.values.join(', ')}`);
      return raw;
    case 'list': {
      const items = raw
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const item = s.kind.item;
      if (items.some((x) => !item.test(x))) throw bad(`a comma-separated list of names matching ${item}`);
      return items;
    }
    case 'string':
      if (raw === '' || (s.kind.pattern && !s.kind.pattern.test(raw)))
        throw bad(s.kind.expected ?? 'a non-empty string');
      return raw;
  }
}

/** Builds the configuration: flags (by Config key) win over the environment, which wins over defaults. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  flags: Partial<Record<keyof Config, string>> = {},
): Config {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const raw = flags[s.key] ?? env[s.env] ?? s.default;
    out[s.key] = raw === undefined ? undefined : parseSetting(s, String(raw));
  }
  const cfg = out as unknown as Config;
  if (Number.isNaN(Date.parse(cfg.minTimestamp)))
    throw new ConfigError(
      `KPILENS_MIN_TIMESTAMP: expected an ISO 8601 date, got ${JSON.stringify(cfg.minTimestamp)}`,
    );
  if (cfg.llmUrl && !cfg.llmModel)
    throw new ConfigError('KPILENS_LLM_MODEL: expected a model name, as KPILENS_LLM_URL is set');
  return cfg;
}

/** The settings as a table, for `--help` texts and the README. */
export function describeSettings(): string {
  return SETTINGS.map(
    (s) => `  ${s.env.padEnd(32)} ${s.help}${s.default ? ` (default ${s.default})` : ''}`,
  ).join('\n');
}
