import React from 'react';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { loadEditors } from './editor-scene';

export default defineScene({
  name: 'datasource-query-editor-forecast',
  title: 'KPI Lens query editor: a forecast with its prediction interval over 30 days',
  width: 980,
  height: 170,
  render: (ctx) => {
    const { plugin, datasource } = loadEditors(ctx);
    const QueryEditor = plugin.components.QueryEditor!;
    return (
      <QueryEditor
        datasource={datasource}
        query={{
          refId: 'A',
          queryType: 'forecast',
          model: 'revenue',
          metric: 'revenue',
          forecastInterval: true,
          horizonDays: 30,
        }}
        onChange={() => undefined}
        onRunQuery={() => undefined}
      />
    );
  },
  ready: (screen) => screen.findByDisplayValue('Forecast'),
});
