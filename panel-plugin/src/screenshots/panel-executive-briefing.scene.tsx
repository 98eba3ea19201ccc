import React from 'react';
import type { PanelPlugin } from '@grafana/data';
import { demoExporter } from '../../../plugins-config/testing/screenshots/demo';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { kpiDataSource } from '../test-utils/kpi-datasource';
import { panelProps } from '../test-utils/panel-props';
import type { InsightsPanelOptions } from '../types';

// The demo exporter's briefing of the last complete week, through the KPI Lens data source's built bundle.
export default defineScene({
  name: 'panel-executive-briefing',
  title: 'Executive briefing: the weekly summary with its key numbers',
  width: 900,
  height: 380,
  render: async (ctx) => {
    const plugin = ctx.loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    const exporter = await demoExporter(ctx);
    const series = await kpiDataSource(exporter.url, exporter.key).frames([
      { refId: 'B', queryType: 'briefing' },
    ]);
    return React.createElement(
      plugin.panel!,
      panelProps(series, { mode: 'briefing' }, { width: 884, height: 364 }),
    );
  },
  ready: (screen) => screen.findByLabelText('Key numbers'),
});
