import React, { useCallback, useMemo, useState } from 'react';
import type { ThresholdsConfig } from '@grafana/data';
import { Alert, Button, Checkbox, Dropdown, Menu, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';
import type { KpiLensActions } from '@kpilens/contract';
import { errorText, runAction } from '../../actions/datasource-actions';
import {
  addChanges,
  canAct,
  changeOf,
  dropChanges,
  withChanges,
  type PendingChanges,
  type RecommendationAction,
} from '../../actions/optimistic';
import type { RecommendationView } from '../../transforms/recommendations';
import { DismissModal } from './DismissModal';
import { RecommendationCard, snoozeFor, snoozeOptions } from './RecommendationCard';
import { getStyles } from './styles';

interface Props {
  rows: RecommendationView[];
  /** null: the user may only look (Grafana Viewer). */
  actions: (() => Promise<KpiLensActions>) | null;
  showFindings: boolean;
  thresholds: ThresholdsConfig;
  /** Extra toolbar content (the app adds CSV export). */
  toolbar?: React.ReactNode;
}

/**
 * The recommendations inbox. Accept, dismiss (with a reason) and snooze show at once and call the KPI Lens
 * datasource; a failed call puts the card back as it was and says why.
 */
export function RecommendationsInbox({ rows, actions, showFindings, thresholds, toolbar }: Props) {
  const styles = useStyles2(getStyles);
  const [pending, setPending] = useState<PendingChanges>(new Map());
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dismissing, setDismissing] = useState<number[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const shown = useMemo(() => withChanges(rows, pending), [rows, pending]);
  const actionableIds = shown.filter(canAct).map((r) => r.id);
  const selectedIds = actionableIds.filter((id) => selected.has(id));

  const act = useCallback(
    async (ids: number[], action: RecommendationAction) => {
      if (!actions || ids.length === 0) {
        return;
      }
      setError(null);
      setPending((p) => addChanges(p, ids, changeOf(action)));
      setSelected(new Set());
      let failed = ids;
      let message: string | null = null;
      try {
        const outcome = await runAction(await actions(), ids, action);
        failed = outcome.failed;
        message = outcome.error;
      } catch (err) {
        message = errorText(err);
      }
      if (failed.length > 0) {
        setPending((p) => dropChanges(p, failed));
        setError(
          tv('panel.inbox.failed', '{{count}} change(s) could not be saved and were undone: {{message}}', {
            count: failed.length,
            message,
          }),
        );
      }
    },
    [actions],
  );

  const onCardAction = (id: number) => (a: RecommendationAction | { kind: 'askDismiss' }) =>
    a.kind === 'askDismiss' ? setDismissing([id]) : act([id], a);

  return (
    <div>
      {actions === null && (
        <Alert severity="info" title={t('panel.inbox.viewer', 'You can read these recommendations')}>
          {t(
            'panel.inbox.viewer-hint',
            'Ask an Editor or Admin of this organization to accept, dismiss or snooze them.',
          )}
        </Alert>
      )}
      {error && (
        <Alert
          severity="error"
          title={t('panel.inbox.error-title', 'Not saved')}
          onRemove={() => setError(null)}
        >
          {error}
        </Alert>
      )}
      <div className={styles.toolbar}>
        {actions !== null && (
          <>
            <Checkbox
              label={t('panel.inbox.select-all', 'Select all')}
              value={actionableIds.length > 0 && selectedIds.length === actionableIds.length}
              indeterminate={selectedIds.length > 0 && selectedIds.length < actionableIds.length}
              disabled={actionableIds.length === 0}
              onChange={(e) => setSelected(e.currentTarget.checked ? new Set(actionableIds) : new Set())}
            />
            <Button
              size="sm"
              icon="check"
              disabled={selectedIds.length === 0}
              onClick={() => act(selectedIds, { kind: 'accept' })}
            >
              {tv('panel.inbox.accept-selected', 'Accept ({{count}})', { count: selectedIds.length })}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              icon="times"
              disabled={selectedIds.length === 0}
              onClick={() => setDismissing(selectedIds)}
            >
              {tv('panel.inbox.dismiss-selected', 'Dismiss ({{count}})', { count: selectedIds.length })}
            </Button>
            <Dropdown
              overlay={
                <Menu>
                  {snoozeOptions().map((o) => (
                    <Menu.Item
                      key={o.label}
                      label={o.label}
                      onClick={() => act(selectedIds, snoozeFor(o.days))}
                    />
                  ))}
                </Menu>
              }
            >
              <Button
                size="sm"
                variant="secondary"
                fill="outline"
                icon="clock-nine"
                disabled={selectedIds.length === 0}
              >
                {tv('panel.inbox.snooze-selected', 'Snooze ({{count}})', { count: selectedIds.length })}
              </Button>
            </Dropdown>
          </>
        )}
        <span className={styles.spacer} />
        {toolbar}
      </div>
      <ul className={styles.list} aria-label={t('panel.inbox.label', 'Recommendations')}>
        {shown.map((rec) => (
          <RecommendationCard
            key={rec.id}
            rec={rec}
            selected={selected.has(rec.id)}
            onSelect={(on) =>
              setSelected((s) => {
                const next = new Set(s);
                if (on) {
                  next.add(rec.id);
                } else {
                  next.delete(rec.id);
                }
                return next;
              })
            }
            onAction={actions === null ? undefined : onCardAction(rec.id)}
            showFindings={showFindings}
            thresholds={thresholds}
          />
        ))}
      </ul>
      {dismissing && (
        <DismissModal
          count={dismissing.length}
          onCancel={() => setDismissing(null)}
          onDismiss={(reason) => {
            const ids = dismissing;
            setDismissing(null);
            act(ids, { kind: 'dismiss', reason });
          }}
        />
      )}
    </div>
  );
}
