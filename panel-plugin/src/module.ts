import { PanelPlugin } from '@grafana/data';
import { InsightsPanel } from './components/InsightsPanel';
import type { InsightsPanelOptions } from './types';

export const plugin = new PanelPlugin<InsightsPanelOptions>(InsightsPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'sortBy',
      name: 'Sort by',
      defaultValue: 'name',
      settings: {
        options: [
          { value: 'name', label: 'Name' },
          { value: 'value', label: 'Latest value' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'showChange',
      name: 'Show change',
      description: 'Change from the first to the latest value of the time range',
      defaultValue: true,
    })
    .addNumberInput({
      path: 'decimals',
      name: 'Decimals',
      description: 'Digits after the decimal point; automatic when empty',
      settings: { min: 0, max: 10, integer: true },
    }),
);
