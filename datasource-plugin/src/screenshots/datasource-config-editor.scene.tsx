import React from 'react';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { INSTANCE, loadEditors } from './editor-scene';

export default defineScene({
  name: 'datasource-config-editor',
  title: 'KPI Lens data source: configuration (exporter URL, API key kept server-side)',
  width: 760,
  height: 230,
  render: (ctx) => {
    const { plugin } = loadEditors(ctx);
    const ConfigEditor = plugin.components.ConfigEditor!;
    return (
      <ConfigEditor
        options={{
          id: 1,
          uid: INSTANCE.uid,
          orgId: 1,
          name: INSTANCE.name,
          type: INSTANCE.type,
          typeName: 'KPI Lens',
          typeLogoUrl: '',
          access: 'proxy',
          url: '',
          user: '',
          database: '',
          basicAuth: false,
          basicAuthUser: '',
          isDefault: true,
          withCredentials: false,
          readOnly: false,
          jsonData: INSTANCE.jsonData,
          secureJsonFields: { apiKey: true },
          secureJsonData: {},
        }}
        onOptionsChange={() => undefined}
      />
    );
  },
  ready: (screen) => screen.findByDisplayValue('http://kpilens-exporter:9470'),
});
