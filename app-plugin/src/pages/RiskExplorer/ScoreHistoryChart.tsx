import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type { ScorePoint } from '@kpilens/contract';
import { tv } from '../../i18n';
import { historyChart } from './score-history';

const W = 640;
const H = 140;
const PAD = 28;
// room for the "100%" axis label
const LEFT = 44;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const percent = (p: number) => `${Math.round(p * 100)}%`;

/**
 * The account's probability of paying on time at each stored score, coloured by level. The chart is an
 * image with a text summary for screen readers; each point has a tooltip (title) with date and value.
 */
export function ScoreHistoryChart({ scores }: { scores: ScorePoint[] }) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const chart = historyChart(scores, W - LEFT - PAD, H - 2 * PAD);
  if (chart.points.length === 0) {
    return (
      <p className={styles.secondary}>
        {t('app.risk.no-history', 'No score with a probability yet: the account needs more invoice history.')}
      </p>
    );
  }
  const first = chart.points[0];
  const last = chart.points[chart.points.length - 1];
  const summary = tv(
    'app.risk.history-summary',
    '{{count}} scores from {{from}} to {{to}}: on-time probability {{first}} then {{last}}',
    {
      count: chart.points.length,
      from: day(chart.from!),
      to: day(chart.to!),
      first: percent(first.probability),
      last: percent(last.probability),
    },
  );
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={summary}
      preserveAspectRatio="xMinYMid meet"
    >
      {[0, 0.5, 1].map((p) => (
        <g key={p}>
          <line
            x1={LEFT}
            x2={W - PAD}
            y1={PAD + (1 - p) * (H - 2 * PAD)}
            y2={PAD + (1 - p) * (H - 2 * PAD)}
            className={styles.grid}
          />
          <text x={LEFT - 6} y={PAD + (1 - p) * (H - 2 * PAD) + 4} textAnchor="end" className={styles.axis}>
            {percent(p)}
          </text>
        </g>
      ))}
      <text x={LEFT} y={H - 6} className={styles.axis}>
        {day(chart.from!)}
      </text>
      <text x={W - PAD} y={H - 6} textAnchor="end" className={styles.axis}>
        {day(chart.to!)}
      </text>
      <g transform={`translate(${LEFT},${PAD})`}>
        <polyline points={chart.line} className={styles.line} />
        {chart.points.map((p) => (
          <circle
            key={p.scoredAt}
            cx={p.x}
            cy={p.y}
            r={3.5}
            fill={theme.visualization.getColorByName(p.color)}
          >
            <title>{`${new Date(p.scoredAt).toISOString().slice(0, 16).replace('T', ' ')}: ${percent(p.probability)}`}</title>
          </circle>
        ))}
      </g>
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chart: css({ width: '100%', maxWidth: W, height: 'auto', display: 'block' }),
  grid: css({ stroke: theme.colors.border.weak, strokeWidth: 1 }),
  axis: css({ fill: theme.colors.text.secondary, fontSize: 11 }),
  line: css({ stroke: theme.colors.text.secondary, strokeWidth: 1.5, fill: 'none' }),
  secondary: css({ color: theme.colors.text.secondary }),
});
