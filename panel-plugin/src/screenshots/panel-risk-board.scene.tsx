import React from 'react';
import type { PanelPlugin } from '@grafana/data';
import type { RiskScoreList } from '@kpilens/contract';
import { demoExporter } from '../../../plugins-config/testing/screenshots/demo';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { riskFrame } from '../test-utils/frames';
import { panelProps } from '../test-utils/panel-props';
import type { InsightsPanelOptions } from '../types';

export default defineScene({
  name: 'panel-risk-board',
  title: 'Risk board: demo accounts by payment risk with their top factors',
  width: 1100,
  height: 470,
  render: async (ctx) => {
    const plugin = ctx.loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    const exporter = await demoExporter(ctx);
    const { scores } = await exporter.api<RiskScoreList>('GET', '/risk/scores?limit=200');
    return React.createElement(
      plugin.panel!,
      panelProps([riskFrame(scores)], { mode: 'risk', risk: { limit: 6 } }, { width: 1084, height: 454 }),
    );
  },
  ready: (screen) => screen.findByRole('table', { name: 'Accounts by payment risk' }),
});
