import React from 'react';
import { createDataFrame, FieldType, type PanelPlugin } from '@grafana/data';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { panelProps } from '../test-utils/panel-props';
import type { InsightsPanelOptions } from '../types';

export default defineScene({
  name: 'panel-kpi-summary',
  title: 'KPI summary panel',
  width: 480,
  height: 200,
  render: ({ loadPlugin }) => {
    const plugin = loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    const series = (name: string, values: number[]) =>
      createDataFrame({
        fields: [
          { name: 'Time', type: FieldType.time, values: values.map((_, i) => i * 1000) },
          { name, type: FieldType.number, values },
        ],
      });
    return React.createElement(
      plugin.panel!,
      panelProps([series('revenue', [200, 150]), series('orders', [10, 12])], {
        sortBy: 'value',
        showChange: true,
      }),
    );
  },
  ready: (screen) => screen.findByText('revenue'),
});
