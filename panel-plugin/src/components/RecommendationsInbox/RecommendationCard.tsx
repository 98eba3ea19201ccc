import React from 'react';
import { getActiveThreshold, type ThresholdsConfig } from '@grafana/data';
import { Badge, Button, Checkbox, Dropdown, Menu, useStyles2, useTheme2, type BadgeColor } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';
import type { Priority } from '@kpilens/contract';
import { canAct, type RecommendationAction } from '../../actions/optimistic';
import type { RecommendationView } from '../../transforms/recommendations';
import { priorityLabel, statusLabel } from './labels';
import { getStyles } from './styles';

const PRIORITY_COLOR: Record<Priority, BadgeColor> = { high: 'red', medium: 'orange', low: 'blue' };
const DAY_MS = 86_400_000;

interface Props {
  rec: RecommendationView;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  /** Absent for viewers: the card is read-only. */
  onAction?: (action: RecommendationAction | { kind: 'askDismiss' }) => void;
  showFindings: boolean;
  thresholds: ThresholdsConfig;
}

export function snoozeOptions(): Array<{ label: string; days: number }> {
  return [
    { label: t('panel.inbox.snooze-day', 'For a day'), days: 1 },
    { label: t('panel.inbox.snooze-week', 'For a week'), days: 7 },
    { label: t('panel.inbox.snooze-month', 'For 30 days'), days: 30 },
  ];
}

/** Snoozed from the moment the user clicks (not the dashboard's time range). */
export function snoozeFor(days: number): RecommendationAction {
  return { kind: 'snooze', untilMs: Date.now() + days * DAY_MS };
}

/** One recommendation: action, rationale, expected impact, audit score and findings, and what to do. */
export function RecommendationCard({ rec, selected, onSelect, onAction, showFindings, thresholds }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const actionable = onAction !== undefined && canAct(rec);
  const auditColor =
    rec.auditScore === null
      ? theme.colors.text.secondary
      : theme.visualization.getColorByName(getActiveThreshold(rec.auditScore, thresholds.steps).color);

  return (
    <li className={`${styles.card} ${canAct(rec) ? '' : styles.done}`} aria-label={rec.action}>
      <div>
        {onAction !== undefined && (
          <Checkbox
            value={selected}
            disabled={!actionable}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            aria-label={tv('panel.inbox.select', 'Select "{{action}}"', { action: rec.action })}
          />
        )}
      </div>
      <div className={styles.body}>
        <div className={styles.header}>
          <Badge color={PRIORITY_COLOR[rec.priority]} text={priorityLabel(rec.priority)} />
          <span className={styles.action}>{rec.action}</span>
        </div>
        <div className={styles.meta}>
          {[rec.model, rec.target, statusLabel(rec.status)].filter(Boolean).join(' · ')}
          {rec.status === 'dismissed' && rec.dismissReason && ` — ${rec.dismissReason}`}
          {rec.status === 'snoozed' &&
            rec.snoozedUntil !== null &&
            ` ${tv('panel.inbox.until', 'until {{day}}', { day: new Date(rec.snoozedUntil).toISOString().slice(0, 10) })}`}
        </div>
        <div className={styles.text}>
          <span className={styles.label}>{t('panel.inbox.why', 'Why')}: </span>
          {rec.rationale}
        </div>
        <div className={styles.text}>
          <span className={styles.label}>{t('panel.inbox.impact', 'Expected impact')}: </span>
          {rec.expectedImpact}
        </div>
        {showFindings && rec.findings.length > 0 && (
          <ul className={styles.findings} aria-label={t('panel.inbox.findings', 'Audit findings')}>
            {rec.findings.map((f) => (
              <li key={`${f.rule}-${f.message}`}>
                {f.level === 'error' ? '✕' : '!'} {f.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.side}>
        <span className={styles.meta}>
          {t('panel.inbox.audit', 'Audit score')}{' '}
          <span className={styles.audit} style={{ color: auditColor }}>
            {rec.auditScore ?? '–'}
          </span>
        </span>
        {actionable && (
          <div className={styles.buttons}>
            <Button size="sm" icon="check" onClick={() => onAction({ kind: 'accept' })}>
              {t('panel.inbox.accept', 'Accept')}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              icon="times"
              onClick={() => onAction({ kind: 'askDismiss' })}
            >
              {t('panel.inbox.dismiss', 'Dismiss')}
            </Button>
            <Dropdown
              overlay={
                <Menu>
                  {snoozeOptions().map((o) => (
                    <Menu.Item key={o.label} label={o.label} onClick={() => onAction(snoozeFor(o.days))} />
                  ))}
                </Menu>
              }
            >
              <Button size="sm" variant="secondary" fill="outline" icon="clock-nine">
                {t('panel.inbox.snooze', 'Snooze')}
              </Button>
            </Dropdown>
          </div>
        )}
      </div>
    </li>
  );
}
