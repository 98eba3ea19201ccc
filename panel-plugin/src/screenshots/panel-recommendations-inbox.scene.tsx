import React from 'react';
import { OrgRole, type PanelPlugin } from '@grafana/data';
import { config } from '@grafana/runtime';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { recommendationsFrame } from '../test-utils/frames';
import { panelProps } from '../test-utils/panel-props';
import { RECOMMENDATIONS } from '../test-utils/samples';
import type { InsightsPanelOptions } from '../types';

// The exporter has no recommendations endpoint yet: example recommendations in the contract's shape.
export default defineScene({
  name: 'panel-recommendations-inbox',
  title: 'Recommendations inbox: accept, dismiss with a reason, snooze, one by one or in bulk',
  width: 900,
  height: 420,
  render: (ctx) => {
    const plugin = ctx.loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    config.bootData.user.orgRole = OrgRole.Editor;
    return React.createElement(
      plugin.panel!,
      panelProps(
        [recommendationsFrame(RECOMMENDATIONS)],
        { mode: 'recommendations' },
        { width: 884, height: 404 },
      ),
    );
  },
  ready: (screen) => screen.findByRole('list', { name: 'Recommendations' }),
});
