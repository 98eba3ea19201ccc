import React from 'react';
import { Badge, useStyles2, type BadgeColor } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';
import type { Severity } from '@kpilens/contract';
import { ageParts, formatChange, formatNumber } from '../../format';
import { relativeDeviation, sparklinePoints, type InsightView } from '../../transforms/insights';
import { getStyles } from './styles';

const SEVERITY_COLOR: Record<Severity, BadgeColor> = { critical: 'red', warning: 'orange', info: 'blue' };

export function severityLabel(severity: Severity): string {
  switch (severity) {
    case 'critical':
      return t('panel.severity.critical', 'Critical');
    case 'warning':
      return t('panel.severity.warning', 'Warning');
    case 'info':
      return t('panel.severity.info', 'Info');
  }
}

export function ageLabel(ms: number | null, nowMs: number): string {
  if (ms === null) {
    return '';
  }
  const { value, unit } = ageParts(ms, nowMs);
  switch (unit) {
    case 'minute':
      return tv('panel.age.minutes', '{{value}} min ago', { value });
    case 'hour':
      return tv('panel.age.hours', '{{value}} h ago', { value });
    case 'day':
      return tv('panel.age.days', '{{value}} d ago', { value });
  }
}

interface Props {
  insights: InsightView[];
  sparklines: ReadonlyMap<number, number[]>;
  /** Unit and decimals of observed and expected values (field config). */
  unit?: string;
  decimals?: number;
  /** Where the insight's series opens (Explore), when known. */
  linkOf: (insight: InsightView) => string | undefined;
  nowMs: number;
}

const SPARK_W = 96;
const SPARK_H = 24;

/** The insights feed: severity, model, title, evidence (observed against expected, sparkline), age, link. */
export function InsightsFeed({ insights, sparklines, unit, decimals, linkOf, nowMs }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.list} aria-label={t('panel.feed.label', 'Insights')}>
      {insights.map((insight) => {
        const href = linkOf(insight);
        const deviation = relativeDeviation(insight);
        const line = insight.seriesId === null ? undefined : sparklines.get(insight.seriesId);
        const series = [insight.metric, insight.dimensions && `{${insight.dimensions}}`]
          .filter(Boolean)
          .join(' ');
        return (
          <li key={insight.id} className={styles.item}>
            <div className={styles.header}>
              <Badge color={SEVERITY_COLOR[insight.severity]} text={severityLabel(insight.severity)} />
              {href ? (
                <a className={styles.link} href={href} title={t('panel.feed.open-series', 'Open the series')}>
                  {insight.title}
                </a>
              ) : (
                <span className={styles.title}>{insight.title}</span>
              )}
              <span className={styles.meta}>
                {insight.model}
                {series && ` · ${series}`}
                {insight.startedAt !== null && ` · ${ageLabel(insight.startedAt, nowMs)}`}
                {insight.status === 'resolved' && ` · ${t('panel.feed.resolved', 'resolved')}`}
              </span>
            </div>
            <div className={styles.message}>{insight.message}</div>
            <div className={styles.evidence}>
              <span>
                {t('panel.feed.observed', 'Observed')}{' '}
                <strong>{formatNumber(insight.observed, unit, decimals)}</strong>
              </span>
              <span className={styles.meta}>
                {tv('panel.feed.expected', 'expected {{value}}', {
                  value: formatNumber(insight.expected, unit, decimals),
                })}{' '}
                {deviation !== null && (
                  <span className={deviation >= 0 ? styles.up : styles.down}>{formatChange(deviation)}</span>
                )}
              </span>
              {line && (
                <svg
                  width={SPARK_W}
                  height={SPARK_H}
                  role="img"
                  aria-label={tv('panel.feed.sparkline', 'Recent values of {{series}}', {
                    series: series || insight.title,
                  })}
                >
                  <polyline
                    className={styles.sparkline}
                    points={sparklinePoints(line, SPARK_W, SPARK_H - 2)}
                  />
                </svg>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
