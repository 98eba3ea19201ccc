import path from 'path';
import React from 'react';
import i18next from 'i18next';
import { render, screen, waitFor } from '@testing-library/react';
import type { PanelPlugin } from '@grafana/data';
import { ensurePluginBuilt, loadBuiltPlugin } from '../../plugins-config/testing';
import { panelProps } from './test-utils/panel-props';
import { riskFrame } from './test-utils/frames';
import { SCORES } from './test-utils/samples';
import type { InsightsPanelOptions } from './types';

// A French Grafana user: Grafana sets up the shared i18next in the user's language before loading plugins,
// then the bundle's initPluginTranslations loads its French strings.
const pluginDir = path.resolve(__dirname, '..');

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
}, 300_000);

describe('built panel plugin in French', () => {
  it('shows the risk board in French', async () => {
    const loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
    const plugin = loaded.plugin as PanelPlugin<InsightsPanelOptions>;
    // Translations load asynchronously after the module is evaluated.
    await waitFor(() => expect(i18next.hasResourceBundle('fr-FR', 'kpilens-insights-panel')).toBe(true));

    render(React.createElement(plugin.panel!, panelProps([riskFrame(SCORES)], { mode: 'risk' })));

    expect(screen.getByRole('table', { name: 'Comptes par risque de paiement' })).toBeInTheDocument();
    expect(screen.getByLabelText('Trouver un compte')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Probabilité de paiement à temps' })).toBeInTheDocument();
    expect(screen.getAllByText('Critique').length).toBeGreaterThan(0);
  });
});
