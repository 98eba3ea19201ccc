import fs from 'fs';
import path from 'path';
import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppPlugin, OrgRole } from '@grafana/data';
import { config, setBackendSrv } from '@grafana/runtime';
import type {
  AccountInvoiceList,
  AccountList,
  IngestionRate,
  ModelList,
  ModelStatus,
  RecommendationList,
  ScoreHistory,
} from '@kpilens/contract';
import { kpiDataSource } from '@kpilens/panel-plugin/src/test-utils/kpi-datasource';
import {
  ensurePluginBuilt,
  loadBuiltPlugin,
  pluginJsonErrors,
  startDemoExporter,
  type DemoExporter,
} from '../../plugins-config/testing';
import { proxyBackendSrv } from '../../plugins-config/testing/proxy-backend-srv';
import { localeErrors, sourceTranslations } from '../../plugins-config/testing/translations';
import { primeTextMeasurement } from '../../datasource-plugin/src/testing/measure-text';
import { appRootProps } from './test-utils/app-root-props';

// The production bundle, loaded the way Grafana loads it, reading a real exporter (the demo organization of
// `kpilens demo`) through a stand-in of Grafana's data source proxy that adds the key as the route does.
const pluginDir = path.resolve(__dirname, '..');
const DASHBOARDS = path.resolve(pluginDir, '..', 'provisioning', 'dashboards');
let loaded: ReturnType<typeof loadBuiltPlugin>;
let exporter: DemoExporter;

beforeAll(async () => {
  // The risk explorer's account Combobox measures text; jsdom has no canvas.
  primeTextMeasurement();
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
  exporter = await startDemoExporter();
  setBackendSrv(appProxy());
  config.bootData.user.orgRole = OrgRole.Editor;
}, 600_000);

function appProxy() {
  return proxyBackendSrv({
    proxyUrl: '/api/datasources/proxy/uid/kpl',
    routes: { exporter: { url: exporter.url, headers: { Authorization: `Bearer ${exporter.key}` } } },
  }).backendSrv;
}

afterAll(async () => {
  await exporter?.stop();
});

const page = (p: string, query: Record<string, string> = {}) =>
  React.createElement(
    (loaded.plugin as AppPlugin).root!,
    appRootProps(`/a/kpilens-app/${p}`, { datasourceUid: 'kpl' }, query),
  );

describe('built app plugin', () => {
  it('exports an AppPlugin with its configuration page', () => {
    expect(loaded.plugin).toBeInstanceOf(AppPlugin);
    expect((loaded.plugin as AppPlugin).configPages?.map((p) => p.id)).toEqual(['configuration']);
  });

  it('ships a valid plugin.json with its pages, dependencies and translations', () => {
    const source = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
    expect(pluginJsonErrors(source)).toEqual([]);
    expect(pluginJsonErrors(loaded.pluginJson)).toEqual([]);
    expect(loaded.pluginJson).toMatchObject({ id: 'kpilens-app', type: 'app', buildMode: 'production' });
    expect(
      (loaded.pluginJson.dependencies as { plugins: Array<{ id: string }> }).plugins.map((p) => p.id),
    ).toEqual(['kpilens-exporter-datasource', 'kpilens-insights-panel']);
    const keys = sourceTranslations(path.join(pluginDir, 'src'));
    const fr = JSON.parse(
      fs.readFileSync(path.join(pluginDir, 'dist', 'locales', 'fr-FR', 'kpilens-app.json'), 'utf8'),
    );
    expect(localeErrors(keys, fr)).toEqual([]);
  });

  it('includes the provisioning dashboards, copied into dist/ as valid dashboard JSON', () => {
    const includes = (
      loaded.pluginJson.includes as Array<{ type: string; name: string; path?: string }>
    ).filter((i) => i.type === 'dashboard');
    const generated = fs
      .readdirSync(DASHBOARDS)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(includes.map((i) => i.path).sort()).toEqual(generated.map((f) => `dashboards/${f}`));
    for (const include of includes) {
      const file = path.join(pluginDir, 'dist', include.path!);
      expect({ file, exists: fs.existsSync(file) }).toEqual({ file, exists: true });
      const dashboard = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(dashboard).toMatchObject({
        uid: expect.stringMatching(/^[a-zA-Z0-9_-]{1,40}$/),
        title: include.name,
        schemaVersion: expect.any(Number),
        panels: expect.any(Array),
      });
      expect(dashboard.panels.length).toBeGreaterThan(0);
      // The generated file as it is, not an edited copy.
      expect(fs.readFileSync(file, 'utf8')).toBe(
        fs.readFileSync(path.join(DASHBOARDS, path.basename(include.path!)), 'utf8'),
      );
    }
  });

  it('shows the overview: exporter, models with their last run, model version, live AUC, ingestion rate', async () => {
    const models = await exporter.api<ModelList>('GET', '/models');
    const ml = await exporter.api<ModelStatus>('GET', '/ml/models/status');
    render(page('overview'));

    expect(await screen.findByText('Connected', {}, { timeout: 30_000 })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'KPI models' });
    for (const m of models.models) {
      expect(within(table).getByText(m.name)).toBeInTheDocument();
    }
    expect(within(table).getAllByText(/^OK, \d+ series$/).length).toBe(models.models.length);
    // Thirteen weekly scoring passes of the demo: invoices scored then have come due since.
    const live = ml.realized.versions.find((v) => v.version === ml.activeModelVersion)!;
    expect(live.outcomes).toBeGreaterThan(0);
    expect(live.auc).toBeGreaterThan(0.5);
    expect(screen.getByText(`AUC ${live.auc!.toFixed(3)}`)).toBeInTheDocument();
    expect(
      screen.getByText(new RegExp(`^version ${ml.activeModelVersion}; live, over ${live.outcomes} invoices`)),
    ).toBeInTheDocument();
    // The demo's live update of the current hour went through the exporter's write path at its start.
    const ingestion = await exporter.api<IngestionRate>('GET', '/ingestion');
    expect(ingestion.windows[2].points).toBeGreaterThan(0);
    expect(screen.getByText(/^[\d.,\s]+ points\/s$/)).toBeInTheDocument();
  });

  it('shows an account in the risk explorer: factors, score history and invoices', async () => {
    const { accounts } = await exporter.api<AccountList>('GET', '/accounts?limit=1');
    const id = accounts[0].id;
    render(page('risk', { account: id }));

    const table = await screen.findByRole('table', { name: 'Accounts by payment risk' }, { timeout: 30_000 });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getAllByRole('meter').length).toBeGreaterThan(0);

    const invoices = await screen.findByRole('table', { name: 'Invoices' }, { timeout: 30_000 });
    const stored = await exporter.api<AccountInvoiceList>('GET', `/accounts/${id}/invoices?limit=24`);
    expect(within(invoices).getAllByRole('row')).toHaveLength(1 + stored.invoices.length);
    expect(within(invoices).getByText(stored.invoices[0].id)).toBeInTheDocument();
    const history = await exporter.api<ScoreHistory>('GET', `/accounts/${id}/scores?limit=500`);
    const first = history.scores.find((s) => s.probability !== null)!;
    // Weekly scores of 13 weeks and the ones of now (the schedule may add some while the page loads).
    const chart = screen.getByRole('img', { name: /^\d+ scores from / });
    const label = chart.getAttribute('aria-label')!;
    expect(Number(label.split(' ')[0])).toBeGreaterThanOrEqual(13);
    expect(label).toContain(`from ${first.scoredAt.slice(0, 10)} to `);
  });

  it('lists the KPI models with their KPIs and the analysis button', async () => {
    render(page('models'));
    const buttons = await screen.findAllByRole(
      'button',
      { name: 'Run the analysis now' },
      { timeout: 30_000 },
    );
    const models = await exporter.api<ModelList>('GET', '/models');
    expect(buttons).toHaveLength(models.models.length);
  });

  it('shows the recommendations page with its filters and CSV export', async () => {
    render(page('recommendations'));
    expect(
      await screen.findByRole('button', { name: 'Export CSV' }, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toBeInTheDocument();
  });

  it("accepts a recommendation from the page through the KPI Lens data source's bundle", async () => {
    // The data source instance Grafana would hand the app (built from its dist/, same demo exporter).
    kpiDataSource(exporter.url, exporter.key);
    config.bootData.user.orgRole = OrgRole.Editor;
    const { recommendations } = await exporter.api<RecommendationList>(
      'GET',
      '/recommendations?status=pending',
    );
    expect(recommendations.length).toBeGreaterThan(0);
    const target = recommendations[0];
    render(page('recommendations'));

    const list = await screen.findByRole('list', { name: 'Recommendations' }, { timeout: 30_000 });
    const card = within(list).getByRole('listitem', { name: target.action });
    fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    expect(card).toHaveTextContent('Accepted');
    await waitFor(
      async () => {
        const all = await exporter.api<RecommendationList>('GET', '/recommendations?limit=500');
        expect(all.recommendations.find((r) => r.id === target.id)?.status).toBe('accepted');
      },
      { timeout: 20_000 },
    );
    // The page read the exporter through the app's proxy route; restore it for the tests after this one.
    setBackendSrv(appProxy());
  });
});
