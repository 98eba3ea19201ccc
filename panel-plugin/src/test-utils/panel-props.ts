import { dateTime, LoadingState, type DataFrame, type PanelProps, type TimeRange } from '@grafana/data';
import type { InsightsPanelOptions } from '../types';

/** Everything Grafana passes a panel, for rendering it in tests with the given frames and options. */
export function panelProps(
  series: DataFrame[],
  options: InsightsPanelOptions,
): PanelProps<InsightsPanelOptions> {
  const timeRange: TimeRange = { from: dateTime(0), to: dateTime(3000), raw: { from: 'now-1h', to: 'now' } };
  return {
    id: 1,
    data: { state: LoadingState.Done, series, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    transparent: false,
    width: 400,
    height: 200,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'KPIs',
    eventBus: {} as PanelProps['eventBus'],
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => {},
  };
}
