import React from 'react';
import { OrgRole, type PanelPlugin } from '@grafana/data';
import { config } from '@grafana/runtime';
import { demoExporter } from '../../../plugins-config/testing/screenshots/demo';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { kpiDataSource } from '../test-utils/kpi-datasource';
import { panelProps } from '../test-utils/panel-props';
import type { InsightsPanelOptions } from '../types';

// The demo exporter's recommendations, as the KPI Lens data source (its built bundle) answers the query.
export default defineScene({
  name: 'panel-recommendations-inbox',
  title: 'Recommendations inbox: accept, dismiss with a reason, snooze, one by one or in bulk',
  width: 900,
  height: 420,
  render: async (ctx) => {
    const plugin = ctx.loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    const exporter = await demoExporter(ctx);
    const series = await kpiDataSource(exporter.url, exporter.key).frames([
      { refId: 'R', queryType: 'recommendations' },
    ]);
    config.bootData.user.orgRole = OrgRole.Editor;
    return React.createElement(
      plugin.panel!,
      panelProps(series, { mode: 'recommendations' }, { width: 884, height: 404, datasourceUid: 'kpl' }),
    );
  },
  ready: (screen) => screen.findByRole('list', { name: 'Recommendations' }),
});
