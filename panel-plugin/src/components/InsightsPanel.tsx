import React from 'react';
import { css } from '@emotion/css';
import { formattedValueToString, getValueFormat, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { sortSummaries, summarizeFrames } from '../kpi-summary';
import type { InsightsPanelOptions } from '../types';

type Props = PanelProps<InsightsPanelOptions>;

function formatValue(value: number, unit: string | undefined, decimals: number | undefined): string {
  return formattedValueToString(getValueFormat(unit ?? 'none')(value, decimals));
}

function formatChange(change: number): string {
  const percent = (change * 100).toFixed(1);
  return `${change > 0 ? '+' : ''}${percent}%`;
}

/** A list of KPI series with their latest value and change over the dashboard's time range. */
export function InsightsPanel({ data, options, width, height }: Props) {
  const styles = useStyles2(getStyles);
  const rows = sortSummaries(summarizeFrames(data.series), options.sortBy);

  if (rows.length === 0) {
    return <div className={styles.empty}>No KPI values in this time range</div>;
  }

  return (
    <ul className={styles.list} style={{ width, height }} aria-label="KPI series">
      {rows.map((row) => (
        <li key={row.name} className={styles.row}>
          <span className={styles.name}>{row.name}</span>
          <span className={styles.value}>{formatValue(row.last, row.unit, options.decimals)}</span>
          {options.showChange && (
            <span
              className={row.change === null ? styles.neutral : row.change >= 0 ? styles.up : styles.down}
              aria-label={`change of ${row.name}`}
            >
              {row.change === null ? '–' : formatChange(row.change)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, overflow: 'auto' }),
  row: css({
    display: 'grid',
    gridTemplateColumns: '1fr auto 5em',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  name: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  value: css({ fontWeight: theme.typography.fontWeightMedium, textAlign: 'right' }),
  up: css({ color: theme.colors.success.text, textAlign: 'right' }),
  down: css({ color: theme.colors.error.text, textAlign: 'right' }),
  neutral: css({ color: theme.colors.text.secondary, textAlign: 'right' }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(1) }),
});
