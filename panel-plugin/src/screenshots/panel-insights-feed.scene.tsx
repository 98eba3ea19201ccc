import React from 'react';
import type { PanelPlugin } from '@grafana/data';
import type { InsightList } from '@kpilens/contract';
import { demoExporter } from '../../../plugins-config/testing/screenshots/demo';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { insightsFrame } from '../test-utils/frames';
import { panelProps } from '../test-utils/panel-props';
import type { InsightsPanelOptions } from '../types';

export default defineScene({
  name: 'panel-insights-feed',
  title: 'Insights feed: insights of the demo exporter, most severe first',
  width: 900,
  height: 460,
  render: async (ctx) => {
    const plugin = ctx.loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    const exporter = await demoExporter(ctx);
    const { insights } = await exporter.api<InsightList>('GET', '/insights?limit=20');
    const nowMs = Math.max(...insights.map((i) => Date.parse(i.lastSeenAt)));
    return React.createElement(
      plugin.panel!,
      panelProps(
        [insightsFrame(insights)],
        { mode: 'insights', insights: { includeResolved: true, limit: 6 } },
        { datasourceUid: 'kpilens', nowMs, width: 884, height: 444 },
      ),
    );
  },
  ready: (screen) => screen.findByRole('list', { name: 'Insights' }),
});
