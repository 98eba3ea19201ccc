import fs from 'fs';
import path from 'path';
import { lastValueFrom } from 'rxjs';
import {
  DataSourcePlugin,
  dateTime,
  FieldType,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type TimeRange,
} from '@grafana/data';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import {
  callExporter,
  ensurePluginBuilt,
  loadBuiltPlugin,
  pluginJsonErrors,
  proxyBackendSrv,
  startRealExporter,
  type RealExporter,
} from '../../plugins-config/testing';
import type { DataSource } from './datasource';
import type { KpiVariableSupport } from './variable-support';
import { accountHistory, DAY, HOUR, hourlyHistory, ledPair } from './testing/kpi-data';
import { DashboardVariables } from './testing/template-srv';
import type { KpiDataSourceOptions, KpiQuery, KpiVariableQuery } from './types';

// The production bundle loaded the way Grafana loads it (AMD define with Grafana's shared modules), talking
// to a real exporter over a real database through a stand-in of Grafana's data source proxy that adds the
// API key as the plugin.json route makes Grafana's server do.
const pluginDir = path.resolve(__dirname, '..');
const PROXY_URL = '/api/datasources/proxy/uid/kpl';
const NOW = Date.now();
const range = (fromMs: number, toMs: number): TimeRange => {
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  return { from, to, raw: { from, to } };
};
const lastWeek = range(NOW - 7 * DAY, NOW);

let loaded: ReturnType<typeof loadBuiltPlugin>;
let exporter: RealExporter;
let plugin: DataSourcePlugin<DataSource, KpiQuery, KpiDataSourceOptions>;

function settings(url = exporter.url): DataSourceInstanceSettings<KpiDataSourceOptions> {
  return {
    id: 1,
    uid: 'kpl',
    type: 'kpilens-exporter-datasource',
    name: 'KPI Lens',
    url: PROXY_URL,
    access: 'proxy',
    readOnly: false,
    jsonData: { url },
    meta: {} as DataSourceInstanceSettings['meta'],
  };
}

/** A data source whose proxy route targets `url` with `key`, as Grafana would configure it. */
function dataSource(key = exporter.keys.grafana, url = exporter.url) {
  const proxy = proxyBackendSrv({
    proxyUrl: PROXY_URL,
    routes: { exporter: { url, headers: { Authorization: `Bearer ${key}` } } },
  });
  setBackendSrv(proxy.backendSrv);
  return { ds: new plugin.DataSourceClass(settings(url)), requests: proxy.requests };
}

async function run(ds: DataSource, targets: KpiQuery[], timeRange = lastWeek): Promise<DataQueryResponse> {
  const request = {
    requestId: 'Q',
    targets,
    range: timeRange,
    interval: '1h',
    intervalMs: HOUR,
    maxDataPoints: 1000,
    scopedVars: {},
    timezone: 'utc',
    app: 'dashboard',
    startTime: NOW,
  } as DataQueryRequest<KpiQuery>;
  return ds.query(request) as Promise<DataQueryResponse>;
}

const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;

beforeAll(async () => {
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
  plugin = loaded.plugin as typeof plugin;
  exporter = await startRealExporter(
    {
      grafana: { org: 'acme', scopes: ['read', 'ingest'] },
      ingestOnly: { org: 'acme', scopes: ['ingest'] },
      other: { org: 'globex', scopes: ['read', 'ingest'] },
    },
    // Every account is scored each second; each pass writes the risk KPIs per level of its hour.
    { KPILENS_SCORING_INTERVAL_MS: '1000' },
  );
  const key = exporter.keys.grafana;
  // 1000 hours of CTR on two platforms; Instagram's has been half its usual level for the last 25 hours
  // (an ongoing insight, from which the exporter recommends refreshing the creative).
  const points = [
    ...hourlyHistory('marketing', 'ctr', { platform: 'instagram', campaignId: 'c1' }, 1000, 7, NOW, {
      from: 975,
      to: 1000,
      factor: 0.5,
    }),
    ...hourlyHistory('marketing', 'ctr', { platform: 'tiktok', campaignId: 'c2' }, 1000, 11, NOW),
    ...hourlyHistory('marketing', 'cpc', { platform: 'tiktok' }, 48, 3, NOW),
    // 70 days of Google's CTR, a random walk of daily levels that onboarding completions from paid search
    // follow two days later: the analysis publishes it as a learning.
    ...ledPair(
      { model: 'marketing', metric: 'ctr', dims: { platform: 'google' }, scale: 2 },
      { model: 'onboarding', metric: 'signups_completed', dims: { source: 'paid_search' }, scale: 50 },
      70,
      2,
      NOW,
    ),
  ];
  for (let i = 0; i < points.length; i += 5000) {
    await callExporter(exporter, key, 'POST', '/api/v1/points/batch', { points: points.slice(i, i + 5000) });
  }
  await callExporter(exporter, exporter.keys.other, 'POST', '/api/v1/points/batch', {
    points: hourlyHistory('secret', 'x', { platform: 'globex-only' }, 3, 1, NOW),
  });
  // The analysis stores insights, forecasts and learnings (the leading model publishes them, the
  // follower's run raises them as insights).
  await callExporter(exporter, key, 'POST', '/api/v1/models/marketing/analyze');
  await callExporter(exporter, key, 'POST', '/api/v1/models/onboarding/analyze');
  const accounts = [
    accountHistory('acc-good', 'Good Payer Ltd', [-3, -2, -5, -1, -4, -2], NOW),
    accountHistory('acc-late', 'Late Payer SA', [35, 50, 40, 60, undefined, undefined], NOW),
  ];
  await callExporter(exporter, key, 'POST', '/api/v1/accounts/batch', {
    accounts: accounts.map((a) => a.account),
  });
  await callExporter(exporter, key, 'POST', '/api/v1/invoices/batch', {
    invoices: accounts.flatMap((a) => a.invoices),
  });
  await callExporter(exporter, key, 'POST', '/api/v1/payments/batch', {
    payments: accounts.flatMap((a) => a.payments),
  });
  // The scheduled pass scores them within a second or two; a pass that began before the payments were
  // stored would have seen a partial ledger, so wait for scores of a pass after them.
  const ledgerStored = Date.now();
  for (let i = 0; i < 120; i++) {
    const r = await callExporter<{ total: number; scores: Array<{ scoredAt: string }> }>(
      exporter,
      key,
      'GET',
      '/api/v1/risk/scores',
    );
    if (r.total === 2 && r.scores.every((s) => Date.parse(s.scoredAt) > ledgerStored + 1000)) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  setTemplateSrv(
    new DashboardVariables({
      model: 'marketing',
      metric: 'ctr',
      platform: ['instagram', 'tiktok'],
      key: 'platform',
    }),
  );
}, 300_000);

afterAll(async () => exporter?.stop());

describe('built datasource plugin', () => {
  it('exports a DataSourcePlugin of the same @grafana/data Grafana hands in, with its editors', () => {
    expect(loaded.plugin).toBeInstanceOf(DataSourcePlugin);
    expect(plugin.components.ConfigEditor).toBeDefined();
    expect(plugin.components.QueryEditor).toBeDefined();
  });

  it('ships a valid plugin.json with the exporter proxy route carrying the key', () => {
    const source = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
    expect(pluginJsonErrors(source)).toEqual([]);
    expect(pluginJsonErrors(loaded.pluginJson)).toEqual([]);
    expect(loaded.pluginJson).toMatchObject({
      id: 'kpilens-exporter-datasource',
      type: 'datasource',
      buildMode: 'production',
      annotations: true,
      routes: [
        // Grafana takes the first route whose path and method match: POSTs (decisions) need an Editor.
        {
          path: 'exporter',
          method: 'POST',
          reqRole: 'Editor',
          url: '{{ .JsonData.url }}',
          headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiKey }}' }],
        },
        {
          path: 'exporter',
          url: '{{ .JsonData.url }}',
          headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiKey }}' }],
        },
      ],
    });
    expect(fs.existsSync(path.join(pluginDir, 'dist', 'img', 'logo.svg'))).toBe(true);
  });
});

describe('Save & test against a real exporter', () => {
  it('succeeds with a reading key, never sending the key itself', async () => {
    const { ds, requests } = dataSource();
    const result = await ds.testDatasource();
    expect(result).toEqual({
      status: 'success',
      message: expect.stringMatching(
        /^Exporter \S+ reachable; key "grafana" of acme accepted \(scopes: read, ingest\); API v1\.$/,
      ),
    });
    expect(requests.map((r) => r.url)).toEqual([
      `${PROXY_URL}/exporter/health`,
      `${PROXY_URL}/exporter/api/v1/whoami`,
    ]);
    expect(JSON.stringify(requests)).not.toContain(exporter.keys.grafana);
  });

  it('says the exporter is unreachable, the key refused or not allowed to read', async () => {
    // A port nothing listens on (the exporter's own, once stopped, would do; this one never listened).
    const unreachable = await dataSource(exporter.keys.grafana, 'http://127.0.0.1:9').ds.testDatasource();
    expect(unreachable.status).toBe('error');
    expect(unreachable.message).toMatch(
      /^Cannot reach the exporter at http:\/\/127\.0\.0\.1:9 \(502: Bad Gateway/,
    );

    const refused = await dataSource('kl_nope_nope').ds.testDatasource();
    expect(refused.message).toMatch(
      /^The exporter refused the API key \(401: invalid or revoked API key\)\. Create a key/,
    );

    const ingestOnly = await dataSource(exporter.keys.ingestOnly).ds.testDatasource();
    expect(ingestOnly.message).toMatch(
      /^The API key may not read \(403: this API key lacks the "read" scope/,
    );

    const missingUrl = await new plugin.DataSourceClass({ ...settings(), jsonData: {} }).testDatasource();
    expect(missingUrl.message).toMatch(/^Set the exporter URL/);
  });
});

describe('queries against a real exporter', () => {
  it('series: one frame per series, a multi-value dimension variable fanning out, unit from the model', async () => {
    const { ds, requests } = dataSource();
    const res = await run(ds, [
      {
        refId: 'A',
        queryType: 'series',
        model: '$model',
        metric: '$metric',
        dimensions: [{ key: '$key', value: '$platform' }],
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data.map((f: DataFrame) => field(f, 'ctr').config.displayNameFromDS).sort()).toEqual([
      'ctr {platform=instagram, campaignId=c1}',
      'ctr {platform=tiktok, campaignId=c2}',
    ]);
    const frame: DataFrame = res.data[0];
    expect(frame.refId).toBe('A');
    expect(frame.length).toBeGreaterThanOrEqual(7 * 24);
    expect(field(frame, 'ctr').config.unit).toBe('percent');
    const queries = requests.filter((r) => r.url.endsWith('/api/v1/query'));
    expect(queries.map((r) => r.params?.['dim.platform']).sort()).toEqual(['instagram', 'tiktok']);
    expect(queries[0].params).toMatchObject({
      model: 'marketing',
      metric: 'ctr',
      intervalMs: HOUR,
      maxDataPoints: 1000,
    });
  });

  it('series: the exporter’s error for a bad query comes back on the query', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [{ refId: 'B', model: 'Bad Name', metric: 'ctr' }]);
    expect(res.data).toEqual([]);
    expect(res.errors).toEqual([{ refId: 'B', message: expect.stringMatching(/^400: invalid query/) }]);
  });

  it('anomaly band: observed, expected and band, the incident outside the band', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [
      {
        refId: 'A',
        queryType: 'anomalyBand',
        model: 'marketing',
        metric: 'ctr',
        selector: 'platform=instagram',
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(1);
    const frame: DataFrame = res.data[0];
    expect(frame.fields.map((f) => f.name)).toEqual(['Time', 'observed', 'expected', 'lower', 'upper']);
    const observed = field(frame, 'observed').values;
    const upper = field(frame, 'upper').values;
    const lower = field(frame, 'lower').values;
    expect(observed.length).toBe(frame.length);
    // Every hour of the last week has a band; during the incident CTR sits below it.
    expect(upper.every((v: number | null) => v !== null)).toBe(true);
    expect(observed.some((v: number, i: number) => v < lower[i])).toBe(true);
  });

  it('insights: a table with the fields annotations read, linked to the series', async () => {
    const { ds } = dataSource();
    const res = await run(
      ds,
      [{ refId: 'I', queryType: 'insights', model: '$model' }],
      range(NOW - 30 * DAY, NOW),
    );
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(frame.length).toBeGreaterThanOrEqual(1);
    const dims = field(frame, 'dimensions').values;
    const i = dims.indexOf('platform=instagram, campaignId=c1');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(field(frame, 'title').values[i]).toMatch(/^ctr below its expected range/);
    expect(field(frame, 'tags').values[i]).toEqual([expect.any(String), 'marketing', 'anomaly']);
    expect(field(frame, 'title').config.links?.[0].internal?.datasourceUid).toBe('kpl');
  });

  it('risk scores: accounts riskiest first, with level, badge, payment date, confidence and factors', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [{ refId: 'R', queryType: 'riskScores' }]);
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(field(frame, 'accountId').values).toEqual(['acc-late', 'acc-good']);
    expect(field(frame, 'accountName').values).toEqual(['Late Payer SA', 'Good Payer Ltd']);
    const p = field(frame, 'probability').values;
    expect(p[0]).toBeLessThan(p[1]);
    expect(field(frame, 'factors').values[0]).toHaveLength(3);
    expect(field(frame, 'topFactors').values[0]).toEqual(expect.any(String));
    expect(field(frame, 'accountId').config.links?.[0].url).toBe(
      '/a/kpilens-app/risk?account=${__value.raw}',
    );
    const risky = await run(ds, [
      { refId: 'R', queryType: 'riskScores', riskLevels: [String(field(frame, 'level').values[0])] },
    ]);
    expect(field(risky.data[0], 'accountId').values).toContain('acc-late');
    expect(field(risky.data[0], 'accountId').values).not.toContain('acc-good');
  });

  it('risk distribution: accounts per level over time, from the scoring pass', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [{ refId: 'D', queryType: 'riskDistribution' }], range(NOW - DAY, NOW + HOUR));
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(frame.fields[0].name).toBe('Time');
    expect(frame.fields.map((f) => f.name)).toEqual([
      'Time',
      'EXCELLENT',
      'GOOD',
      'MEDIUM',
      'RISKY',
      'CRITICAL',
      'UNKNOWN',
    ]);
    const last = frame.length - 1;
    expect(frame.fields.slice(1).reduce((sum, f) => sum + (f.values[last] ?? 0), 0)).toBe(2);
  });

  it('forecast: the stored forecast with its interval, daily over the asked horizon', async () => {
    const { ds, requests } = dataSource();
    // The next seven days, through the end of the last forecast day.
    const dayStart = Math.floor(NOW / DAY) * DAY;
    const res = await run(
      ds,
      [
        {
          refId: 'F',
          queryType: 'forecast',
          model: '$model',
          metric: '$metric',
          horizonDays: 7,
          selector: 'platform=tiktok',
        },
      ],
      range(NOW, dayStart + 7 * DAY),
    );
    expect(res.errors).toBeUndefined();
    expect(requests.find((r) => r.url.endsWith('/api/v1/forecasts'))?.params).toEqual({
      model: 'marketing',
      metric: 'ctr',
      horizon: 7,
      'dim.platform': 'tiktok',
    });
    expect(res.data).toHaveLength(1);
    const frame: DataFrame = res.data[0];
    expect(frame.refId).toBe('F');
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', FieldType.time],
      ['forecast', FieldType.number],
      ['lower', FieldType.number],
      ['upper', FieldType.number],
    ]);
    expect(field(frame, 'forecast').config).toMatchObject({
      unit: 'percent',
      displayNameFromDS: 'ctr {platform=tiktok, campaignId=c2} forecast',
    });
    expect(field(frame, 'upper').config.displayNameFromDS).toBe(
      'ctr {platform=tiktok, campaignId=c2} upper 80%',
    );
    expect(field(frame, 'lower').config.unit).toBe('percent');
    expect(frame.meta?.custom).toMatchObject({ level: 0.8, method: expect.any(String) });
    // One point a day from the start of the range through its last day.
    const times: number[] = field(frame, 'Time').values;
    expect(times).toHaveLength(7);
    expect(times[0]).toBeLessThanOrEqual(NOW);
    expect(times.at(-1)!).toBeGreaterThanOrEqual(dayStart + 6 * DAY);
    times.slice(1).forEach((t, i) => expect(t - times[i]).toBe(DAY));
    const [yhat, lower, upper] = ['forecast', 'lower', 'upper'].map(
      (n) => field(frame, n).values as number[],
    );
    for (let i = 0; i < times.length; i++) {
      expect([yhat[i], lower[i], upper[i]].every(Number.isFinite)).toBe(true);
      expect(lower[i]).toBeLessThanOrEqual(yhat[i]);
      expect(yhat[i]).toBeLessThanOrEqual(upper[i]);
      expect(upper[i]).toBeGreaterThan(lower[i]);
    }
    // TikTok's CTR has averaged about 100 over every day of its history: so does its forecast.
    expect(yhat.every((v) => v > 80 && v < 120)).toBe(true);

    // Without the interval: the forecast alone; the 30-day default horizon.
    const plain = await run(
      ds,
      [{ refId: 'F', queryType: 'forecast', model: 'marketing', metric: 'ctr', forecastInterval: false }],
      range(NOW, NOW + 30 * DAY),
    );
    expect(plain.data).toHaveLength(3);
    expect(plain.data[0].fields.map((f: { name: string }) => f.name)).toEqual(['Time', 'forecast']);
    expect(plain.data[0].length).toBe(30);
  });

  it('learnings: the leading KPIs the exporter has found, a row per learning', async () => {
    const { ds, requests } = dataSource();
    const res = await run(ds, [{ refId: 'L', queryType: 'learnings', model: '$model' }]);
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(frame.name).toBe('learnings');
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['leader', FieldType.string],
      ['follower', FieldType.string],
      ['lagDays', FieldType.number],
      ['correlation', FieldType.number],
      ['pValue', FieldType.number],
      ['n', FieldType.number],
      ['discoveredAt', FieldType.time],
      ['lastConfirmedAt', FieldType.time],
      ['id', FieldType.number],
    ]);
    expect(requests.at(-1)).toMatchObject({
      url: `${PROXY_URL}/exporter/api/v1/learnings`,
      params: { model: 'marketing' },
    });
    // Google's CTR leads onboarding completions from paid search by two days (kpi-data.ts ledPair).
    expect(frame.length).toBeGreaterThanOrEqual(1);
    const i = field(frame, 'leader').values.indexOf('marketing: ctr {platform=google}');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(field(frame, 'follower').values[i]).toBe('onboarding: signups_completed {source=paid_search}');
    expect(field(frame, 'lagDays').values[i]).toBe(2);
    expect(field(frame, 'correlation').values[i]).toBeGreaterThan(0.5);
    expect(field(frame, 'pValue').values[i]).toBeLessThan(0.05);
    expect(field(frame, 'n').values[i]).toBeGreaterThanOrEqual(20);
    expect(field(frame, 'discoveredAt').values[i]).toBeGreaterThanOrEqual(NOW - 60 * 60_000);
    expect(field(frame, 'lagDays').config.unit).toBe('d');
    // The follower's model sees it too; a model in no learning gets an empty table.
    const onboarding = await run(ds, [{ refId: 'L', queryType: 'learnings', model: 'onboarding' }]);
    expect(field(onboarding.data[0], 'id').values).toContain(field(frame, 'id').values[i]);
    const none = await run(ds, [{ refId: 'L', queryType: 'learnings', model: 'revenue' }]);
    expect(none.data[0].length).toBe(0);
  });

  it('recommendations: the inbox as a table, filtered by status and in French', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [
      { refId: 'R', queryType: 'recommendations', recommendationStatus: 'pending' },
    ]);
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(frame.name).toBe('recommendations');
    expect(frame.length).toBeGreaterThanOrEqual(1);
    expect(field(frame, 'status').values.every((v: string) => v === 'pending')).toBe(true);
    expect(field(frame, 'model').values).toContain('marketing');
    const fr = await run(ds, [{ refId: 'R', queryType: 'recommendations', language: 'fr' }]);
    expect(field(fr.data[0], 'action').values[0]).not.toBe(field(frame, 'action').values[0]);
  });

  it('briefing: the last complete week as text, the whole briefing in meta', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [{ refId: 'B', queryType: 'briefing', language: 'fr' }]);
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    expect(frame.length).toBe(1);
    expect(field(frame, 'text').values[0]).toEqual(expect.any(String));
    expect(frame.meta?.custom?.briefing).toMatchObject({ language: 'fr', keyNumbers: expect.any(Array) });
  });

  it('keeps other organizations’ data out', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [{ refId: 'A', model: 'secret', metric: 'x' }]);
    expect(res.data).toEqual([]);
    const { ds: other } = dataSource(exporter.keys.other);
    const theirs = await run(other, [{ refId: 'A', model: 'secret', metric: 'x' }]);
    expect(theirs.data).toHaveLength(1);
  });
});

describe('variables, annotations and actions against a real exporter', () => {
  const variable = async (ds: DataSource, query: Omit<KpiVariableQuery, 'refId'>) => {
    const res = await lastValueFrom(
      (ds.variables as KpiVariableSupport).query({
        targets: [{ refId: 'V', ...query }],
        range: lastWeek,
      } as never) as never,
    );
    const frame = (res as DataQueryResponse).data[0] as DataFrame;
    return frame.fields[0].values.map((text: string, i: number) => [text, frame.fields[1].values[i]]);
  };

  it('lists models, metrics, dimension keys and values, and accounts', async () => {
    const { ds } = dataSource();
    expect(await variable(ds, { type: 'models' })).toEqual([
      ['marketing', 'marketing'],
      ['onboarding', 'onboarding'],
      ['payment_risk', 'payment_risk'],
    ]);
    expect(await variable(ds, { type: 'metrics', model: '$model' })).toEqual([
      ['cpc', 'cpc'],
      ['ctr', 'ctr'],
    ]);
    expect(await variable(ds, { type: 'dimensionKeys', model: 'marketing', metric: 'ctr' })).toEqual([
      ['campaignId', 'campaignId'],
      ['platform', 'platform'],
    ]);
    expect(await variable(ds, { type: 'dimensionValues', model: 'marketing', dimensionKey: '$key' })).toEqual(
      [
        ['google', 'google'],
        ['instagram', 'instagram'],
        ['tiktok', 'tiktok'],
      ],
    );
    expect(await variable(ds, { type: 'accounts' })).toEqual([
      ['Good Payer Ltd (acc-good)', 'acc-good'],
      ['Late Payer SA (acc-late)', 'acc-late'],
    ]);
  });

  it('shows insights as annotations: regions with title, text and severity tags', async () => {
    const { ds } = dataSource();
    const anno = {
      name: 'Insights',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', model: 'marketing' },
    };
    const query = ds.annotations!.prepareQuery!(anno as never) as KpiQuery;
    expect(query.queryType).toBe('insights');
    const res = await run(ds, [query], range(NOW - 30 * DAY, NOW));
    const events = (await lastValueFrom(ds.annotations!.processEvents!(anno as never, res.data)))!;
    expect(events.length).toBeGreaterThanOrEqual(1);
    const e = events.find((x) => String(x.title).includes('platform=instagram'))!;
    expect(e).toMatchObject({
      title: expect.stringMatching(/^ctr below/),
      text: expect.any(String),
      isRegion: true,
    });
    expect(e.tags).toEqual([expect.stringMatching(/^(info|warning|critical)$/), 'marketing', 'anomaly']);
    expect(e.timeEnd!).toBeGreaterThan(e.time!);
  });

  it('accepts, snoozes and dismisses recommendations through the proxy route', async () => {
    const { ds } = dataSource();
    const pending = await run(ds, [
      { refId: 'R', queryType: 'recommendations', recommendationStatus: 'pending' },
    ]);
    const ids: number[] = field(pending.data[0], 'id').values;
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const id = ids[0];
    const until = new Date(NOW + 3 * DAY).toISOString();
    expect(await ds.snoozeRecommendation(id, until)).toMatchObject({
      id,
      status: 'snoozed',
      snoozedUntil: until,
    });
    expect(await ds.acceptRecommendation(id)).toMatchObject({
      id,
      status: 'accepted',
      statusChangedBy: expect.any(String),
    });
    expect(await ds.dismissRecommendation(id, 'budget frozen this quarter')).toMatchObject({
      id,
      status: 'dismissed',
      dismissReason: 'budget frozen this quarter',
    });
    const dismissed = await run(ds, [
      { refId: 'R', queryType: 'recommendations', recommendationStatus: 'dismissed' },
    ]);
    expect(field(dismissed.data[0], 'id').values).toEqual([id]);
    expect(field(dismissed.data[0], 'dismissReason').values).toEqual(['budget frozen this quarter']);
    // The exporter's refusal reaches the caller: a dismissed recommendation cannot be accepted.
    await expect(ds.acceptRecommendation(id)).rejects.toMatchObject({ status: 409 });
  });

  it('recalculates an account’s score through the proxy route', async () => {
    const { ds, requests } = dataSource();
    const score = (await ds.recalculateScore('acc-late')) as { accountId: string; scoredAt: string };
    expect(score.accountId).toBe('acc-late');
    expect(Date.parse(score.scoredAt)).toBeGreaterThanOrEqual(NOW - 60_000);
    expect(requests.at(-1)).toMatchObject({
      url: `${PROXY_URL}/exporter/api/v1/accounts/acc-late/score`,
      params: { recalculate: 'true' },
    });
  });
});
