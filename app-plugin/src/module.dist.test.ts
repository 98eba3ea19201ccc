import fs from 'fs';
import path from 'path';
import React from 'react';
import { render, screen } from '@testing-library/react';
import { AppPlugin } from '@grafana/data';
import { ensurePluginBuilt, loadBuiltPlugin, pluginJsonErrors } from '../../plugins-config/testing';
import { appRootProps } from './test-utils/app-root-props';

// The production bundle, loaded the way Grafana loads it (AMD define with Grafana's shared modules).
const pluginDir = path.resolve(__dirname, '..');
let loaded: ReturnType<typeof loadBuiltPlugin>;

beforeAll(() => {
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
}, 300_000);

describe('built app plugin', () => {
  it('exports an AppPlugin of the same @grafana/data Grafana hands in', () => {
    expect(loaded.plugin).toBeInstanceOf(AppPlugin);
  });

  it('ships a valid plugin.json with its page in the navigation', () => {
    const source = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
    expect(pluginJsonErrors(source)).toEqual([]);
    expect(pluginJsonErrors(loaded.pluginJson)).toEqual([]);
    expect(loaded.pluginJson).toMatchObject({
      id: 'kpilens-app',
      type: 'app',
      buildMode: 'production',
      includes: [{ type: 'page', path: '/a/kpilens-app/overview', addToNav: true, defaultNav: true }],
    });
  });

  it('renders its root page from the lazily loaded chunk', async () => {
    const chunks = fs
      .readdirSync(path.join(pluginDir, 'dist'))
      .filter((f) => f.endsWith('.js') && f !== 'module.js');
    expect(chunks.length).toBeGreaterThan(0);
    const plugin = loaded.plugin as AppPlugin;

    render(React.createElement(plugin.root!, appRootProps('/a/kpilens-app/overview')));

    expect(await screen.findByTestId('kpilens-overview')).toBeInTheDocument();
  });
});
