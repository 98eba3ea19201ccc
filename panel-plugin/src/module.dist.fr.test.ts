import fs from 'fs';
import path from 'path';
import React from 'react';
import i18next from 'i18next';
import { render, screen, waitFor } from '@testing-library/react';
import type { PanelPlugin } from '@grafana/data';
import type { RiskScoreList } from '@kpilens/contract';
import {
  callExporter,
  ensurePluginBuilt,
  loadBuiltPlugin,
  startRealExporter,
  type RealExporter,
} from '../../plugins-config/testing';
import { accountHistory } from '../../datasource-plugin/src/testing/kpi-data';
import { kpiDataSource } from './test-utils/kpi-datasource';
import { panelProps } from './test-utils/panel-props';
import type { InsightsPanelOptions } from './types';

// A French Grafana user: Grafana sets up the shared i18next in the user's language before loading plugins,
// then the bundle's initPluginTranslations loads its French strings.
const pluginDir = path.resolve(__dirname, '..');
const NOW = Date.now();
let exporter: RealExporter;

beforeAll(async () => {
  // Grafana's own French strings are loaded first (a stand-in bundle of its `grafana` namespace here).
  await i18next.init({
    lng: 'fr-FR',
    supportedLngs: ['en-US', 'fr-FR'],
    fallbackLng: 'en-US',
    ns: ['grafana'],
    resources: { 'fr-FR': { grafana: { common: { save: 'Enregistrer' } } } },
  });
  ensurePluginBuilt(pluginDir);
  // A real exporter scoring two accounts of opposite payment habits every second.
  exporter = await startRealExporter(
    { grafana: { org: 'acme', scopes: ['read', 'ingest'] } },
    { KPILENS_SCORING_INTERVAL_MS: '1000' },
  );
  const key = exporter.keys.grafana;
  const accounts = [
    accountHistory('acc-good', 'Bon Payeur SARL', [-3, -2, -5, -1, -4, -2], NOW),
    accountHistory('acc-late', 'Payeur Tardif SA', [35, 50, 40, 60, undefined, undefined], NOW),
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
  for (let i = 0; i < 240; i++) {
    if ((await callExporter<RiskScoreList>(exporter, key, 'GET', '/api/v1/risk/scores')).total === 2) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 300_000);

afterAll(async () => {
  await exporter?.stop();
});

describe('built panel plugin in French', () => {
  it('shows the risk board in French', async () => {
    const loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
    const plugin = loaded.plugin as PanelPlugin<InsightsPanelOptions>;
    // Translations load asynchronously after the module is evaluated.
    await waitFor(() => expect(i18next.hasResourceBundle('fr-FR', 'kpilens-insights-panel')).toBe(true));

    const { frames } = kpiDataSource(exporter.url, exporter.keys.grafana);
    const series = await frames([{ refId: 'S', queryType: 'riskScores' }]);
    const { scores } = await callExporter<RiskScoreList>(
      exporter,
      exporter.keys.grafana,
      'GET',
      '/api/v1/risk/scores',
    );
    expect(scores).toHaveLength(2);
    render(React.createElement(plugin.panel!, panelProps(series, { mode: 'risk' })));

    expect(screen.getByRole('table', { name: 'Comptes par risque de paiement' })).toBeInTheDocument();
    expect(screen.getByLabelText('Trouver un compte')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Probabilité de paiement à temps' })).toBeInTheDocument();
    // Each account's level in French, as the locale file names it.
    const fr = JSON.parse(
      fs.readFileSync(path.join(pluginDir, 'src', 'locales', 'fr-FR', 'kpilens-insights-panel.json'), 'utf8'),
    );
    for (const score of scores) {
      const row = screen.getByRole('link', { name: score.accountName! }).closest('tr')!;
      expect(row).toHaveTextContent(fr.panel.level[score.level.toLowerCase()]);
    }
  });
});
