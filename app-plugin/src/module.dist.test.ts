import fs from 'fs';
import path from 'path';
import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { AppPlugin, OrgRole } from '@grafana/data';
import { config, setBackendSrv } from '@grafana/runtime';
import type { AccountList, ModelList } from '@kpilens/contract';
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
let loaded: ReturnType<typeof loadBuiltPlugin>;
let exporter: DemoExporter;

beforeAll(async () => {
  // The risk explorer's account Combobox measures text; jsdom has no canvas.
  primeTextMeasurement();
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
  exporter = await startDemoExporter();
  setBackendSrv(
    proxyBackendSrv({
      proxyUrl: '/api/datasources/proxy/uid/kpl',
      routes: { exporter: { url: exporter.url, headers: { Authorization: `Bearer ${exporter.key}` } } },
    }).backendSrv,
  );
  config.bootData.user.orgRole = OrgRole.Editor;
}, 600_000);

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

  it('shows the overview: exporter, models with their last run, open insights', async () => {
    const models = await exporter.api<ModelList>('GET', '/models');
    render(page('overview'));

    expect(await screen.findByText('Connected', {}, { timeout: 30_000 })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'KPI models' });
    for (const m of models.models) {
      expect(within(table).getByText(m.name)).toBeInTheDocument();
    }
    expect(within(table).getAllByText(/^OK, \d+ series$/).length).toBe(models.models.length);
  });

  it('shows an account in the risk explorer with its factors', async () => {
    const { accounts } = await exporter.api<AccountList>('GET', '/accounts?limit=1');
    render(page('risk', { account: accounts[0].id }));

    const table = await screen.findByRole('table', { name: 'Accounts by payment risk' }, { timeout: 30_000 });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getAllByRole('meter').length).toBeGreaterThan(0);
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
});
