import React from 'react';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { loadEditors } from './editor-scene';

export default defineScene({
  name: 'datasource-query-editor-insights',
  title: 'KPI Lens query editor: insights filtered by model, severity and status',
  width: 980,
  height: 110,
  render: (ctx) => {
    const { plugin, datasource } = loadEditors(ctx);
    const QueryEditor = plugin.components.QueryEditor!;
    return (
      <QueryEditor
        datasource={datasource}
        query={{
          refId: 'A',
          queryType: 'insights',
          model: 'marketing',
          severities: ['critical'],
          insightStatus: 'active',
        }}
        onChange={() => undefined}
        onRunQuery={() => undefined}
      />
    );
  },
  ready: (screen) => screen.findByDisplayValue('Insights'),
});
