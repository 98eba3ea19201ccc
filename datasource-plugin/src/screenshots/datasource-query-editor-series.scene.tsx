import React from 'react';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { loadEditors } from './editor-scene';

export default defineScene({
  name: 'datasource-query-editor-series',
  title: 'KPI Lens query editor: a KPI series with dimension filters and template variables',
  width: 980,
  height: 215,
  render: (ctx) => {
    const { plugin, datasource } = loadEditors(ctx);
    const QueryEditor = plugin.components.QueryEditor!;
    return (
      <QueryEditor
        datasource={datasource}
        query={{
          refId: 'A',
          queryType: 'series',
          model: '$model',
          metric: 'ctr',
          aggregation: 'avg',
          interval: '1h',
          dimensions: [
            { key: 'platform', value: '$platform' },
            { key: 'campaignId', value: 'spring_sale' },
          ],
        }}
        onChange={() => undefined}
        onRunQuery={() => undefined}
      />
    );
  },
  ready: (screen) => screen.findByDisplayValue('spring_sale'),
});
