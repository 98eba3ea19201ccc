import fs from 'fs';
import path from 'path';
import React from 'react';
import { render, screen } from '@testing-library/react';
import {
  createDataFrame,
  FieldType,
  PanelOptionsEditorBuilder,
  PanelPlugin,
  standardEditorsRegistry,
} from '@grafana/data';
import {
  ensurePluginBuilt,
  loadBuiltPlugin,
  pluginJsonErrors,
  registerStandardOptionEditors,
} from '../../plugins-config/testing';
import { panelProps } from './test-utils/panel-props';
import type { InsightsPanelOptions } from './types';

// The production bundle, loaded the way Grafana loads it (AMD define with Grafana's shared modules).
const pluginDir = path.resolve(__dirname, '..');
let loaded: ReturnType<typeof loadBuiltPlugin>;

beforeAll(() => {
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
}, 300_000);

describe('built panel plugin', () => {
  it('exports a PanelPlugin of the same @grafana/data Grafana hands in', () => {
    expect(loaded.plugin).toBeInstanceOf(PanelPlugin);
  });

  it('ships a valid plugin.json', () => {
    const source = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
    expect(pluginJsonErrors(source)).toEqual([]);
    expect(pluginJsonErrors(loaded.pluginJson)).toEqual([]);
    expect(loaded.pluginJson).toMatchObject({
      id: 'kpilens-insights-panel',
      type: 'panel',
      buildMode: 'production',
    });
  });

  it('declares its options with their defaults for the panel editor', () => {
    registerStandardOptionEditors(standardEditorsRegistry);
    const plugin = loaded.plugin as PanelPlugin<InsightsPanelOptions>;
    const builder = new PanelOptionsEditorBuilder<InsightsPanelOptions>();
    plugin.getPanelOptionsSupplier()(builder, { data: [] });
    expect(builder.getItems().map((item) => [item.path, item.defaultValue])).toEqual([
      ['sortBy', 'name'],
      ['showChange', true],
      ['decimals', undefined],
    ]);
  });

  it('renders the bundled panel component', () => {
    const plugin = loaded.plugin as PanelPlugin<InsightsPanelOptions>;
    const frame = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [0, 1000] },
        { name: 'nps', type: FieldType.number, values: [40, 50] },
      ],
    });
    render(React.createElement(plugin.panel!, panelProps([frame], { sortBy: 'name', showChange: true })));

    expect(screen.getByRole('listitem')).toHaveTextContent('nps');
    expect(screen.getByLabelText('change of nps')).toHaveTextContent('+25.0%');
  });
});
