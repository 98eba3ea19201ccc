import React from 'react';
import type { PanelPlugin } from '@grafana/data';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { briefingFrame } from '../test-utils/frames';
import { panelProps } from '../test-utils/panel-props';
import { BRIEFING } from '../test-utils/samples';
import type { InsightsPanelOptions } from '../types';

// The exporter has no briefing endpoint yet: an example briefing in the contract's shape.
export default defineScene({
  name: 'panel-executive-briefing',
  title: 'Executive briefing: the weekly summary with its key numbers',
  width: 900,
  height: 380,
  render: (ctx) => {
    const plugin = ctx.loadPlugin('panel-plugin').plugin as PanelPlugin<InsightsPanelOptions>;
    return React.createElement(
      plugin.panel!,
      panelProps([briefingFrame(BRIEFING)], { mode: 'briefing' }, { width: 884, height: 364 }),
    );
  },
  ready: (screen) => screen.findByLabelText('Key numbers'),
});
