import {
  dateTime,
  LoadingState,
  type DataFrame,
  type DataQueryRequest,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';
import { withDefaults, type InsightsPanelOptions } from '../types';

type DeepPartialOptions = { mode?: InsightsPanelOptions['mode'] } & {
  [K in Exclude<keyof InsightsPanelOptions, 'mode'>]?: Partial<InsightsPanelOptions[K]>;
};

/** Everything Grafana passes a panel, for rendering it in tests with the given frames and options. */
export function panelProps(
  series: DataFrame[],
  options: DeepPartialOptions = {},
  extra: {
    state?: LoadingState;
    datasourceUid?: string;
    error?: string;
    nowMs?: number;
    width?: number;
    height?: number;
  } = {},
): PanelProps<InsightsPanelOptions> {
  const now = extra.nowMs ?? Date.UTC(2026, 10, 21, 12);
  const timeRange: TimeRange = {
    from: dateTime(now - 7 * 86_400_000),
    to: dateTime(now),
    raw: { from: 'now-7d', to: 'now' },
  };
  const full = withDefaults(options as Partial<InsightsPanelOptions>);
  return {
    id: 1,
    data: {
      state: extra.state ?? LoadingState.Done,
      series,
      timeRange,
      errors: extra.error ? [{ message: extra.error }] : undefined,
      request: extra.datasourceUid
        ? ({
            targets: [
              { refId: 'A', datasource: { type: 'kpilens-exporter-datasource', uid: extra.datasourceUid } },
            ],
          } as unknown as DataQueryRequest)
        : undefined,
    },
    timeRange,
    timeZone: 'utc',
    options: full,
    transparent: false,
    width: extra.width ?? 800,
    height: extra.height ?? 400,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'KPI Lens',
    eventBus: {} as PanelProps['eventBus'],
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => {},
  };
}
