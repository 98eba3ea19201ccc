import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Field, Input, LoadingPlaceholder, MultiSelect, Stack, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import {
  RecommendationStatuses,
  type Recommendation,
  type RecommendationList,
  type RecommendationStatus,
} from '@kpilens/contract';
import { actionsOf, userCanAct } from '@kpilens/panel-plugin/src/actions/datasource-actions';
import { DEFAULT_AUDIT_THRESHOLDS } from '@kpilens/panel-plugin/src/components/InsightsPanel/InsightsPanel';
import { RecommendationsInbox } from '@kpilens/panel-plugin/src/components/RecommendationsInbox/RecommendationsInbox';
import { statusLabel } from '@kpilens/panel-plugin/src/components/RecommendationsInbox/labels';
import {
  recommendationsCsv,
  selectRecommendations,
  type RecommendationView,
} from '@kpilens/panel-plugin/src/transforms/recommendations';
import type { ExporterApi } from '../../api/exporter-api';
import { useLoad } from '../../api/use-load';

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export function toView(r: Recommendation): RecommendationView {
  return {
    ...r,
    createdAt: ms(r.createdAt),
    snoozedUntil: ms(r.snoozedUntil),
    dismissReason: r.dismissReason ?? '',
  };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Every recommendation, filtered by status and text, with the inbox actions and CSV export. */
export function Recommendations({ api, datasourceUid }: { api: ExporterApi; datasourceUid: string }) {
  const styles = useStyles2(getStyles);
  const [statuses, setStatuses] = useState<RecommendationStatus[]>(['pending', 'snoozed']);
  const [search, setSearch] = useState('');
  const list = useLoad(
    () => api.get<RecommendationList>('/recommendations', { limit: 500 }),
    api.datasourceUid,
  );
  const rows = useMemo(
    () => selectRecommendations((list.value?.recommendations ?? []).map(toView), { statuses, search }),
    [list.value, statuses, search],
  );

  return (
    <PluginPage>
      <div data-testid="kpilens-recommendations" className={styles.page}>
        <Stack direction="column" gap={2}>
          <Stack gap={1} alignItems="flex-end" wrap="wrap">
            <Field label={t('app.recs.status', 'Status')} noMargin>
              <MultiSelect<RecommendationStatus>
                inputId="kpilens-status"
                width={40}
                value={statuses}
                options={RecommendationStatuses.map((s) => ({ value: s, label: statusLabel(s) }))}
                onChange={(v) => setStatuses(v.map((o) => o.value!))}
              />
            </Field>
            <Field label={t('app.recs.search', 'Search')} noMargin>
              <Input
                id="kpilens-search"
                width={32}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
              />
            </Field>
          </Stack>
          {list.loading && !list.value && (
            <LoadingPlaceholder text={t('app.loading', 'Loading from the exporter…')} />
          )}
          {list.error && (
            <Alert severity="error" title={t('app.recs.error', 'Could not read the recommendations')}>
              {list.error}{' '}
              {t(
                'app.overview.unreachable-hint',
                'Check the exporter URL and key on the app configuration page.',
              )}
            </Alert>
          )}
          {list.value && (
            <RecommendationsInbox
              rows={rows}
              actions={userCanAct() ? () => actionsOf(datasourceUid) : null}
              showFindings
              thresholds={DEFAULT_AUDIT_THRESHOLDS}
              toolbar={
                <Button
                  icon="download-alt"
                  variant="secondary"
                  size="sm"
                  disabled={rows.length === 0}
                  onClick={() => download('kpilens-recommendations.csv', recommendationsCsv(rows))}
                >
                  {t('app.recs.csv', 'Export CSV')}
                </Button>
              }
            />
          )}
          {list.value && rows.length === 0 && (
            <p className={styles.secondary}>
              {t('app.recs.none', 'No recommendation matches these filters.')}
            </p>
          )}
        </Stack>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ paddingTop: theme.spacing(1) }),
  secondary: css({ color: theme.colors.text.secondary }),
});
