import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Badge, Card, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type { InsightList, ModelList, ModelVersions, RecommendationList, WhoAmI } from '@kpilens/contract';
import type { ExporterApi } from '../../api/exporter-api';
import { sumCounter } from '../../api/metrics-text';
import { useLoad } from '../../api/use-load';
import { tv } from '../../i18n';

interface OverviewData {
  who: WhoAmI;
  models: ModelList;
  ml: ModelVersions[];
  openInsights: number;
  pendingRecommendations: number;
  acceptedPoints: number | null;
}

async function loadOverview(api: ExporterApi): Promise<OverviewData> {
  const [who, models, ml, insights, recs, metrics] = await Promise.all([
    api.get<WhoAmI>('/whoami'),
    api.get<ModelList>('/models'),
    api.get<ModelVersions>('/ml/models').catch(() => null),
    api.get<InsightList>('/insights', { status: 'active', limit: 1 }),
    api.get<RecommendationList>('/recommendations', { status: 'pending', limit: 1 }).catch(() => null),
    api.getText('/metrics').catch(() => ''),
  ]);
  return {
    who,
    models,
    ml: ml ? [ml] : [],
    openInsights: insights.total,
    pendingRecommendations: recs?.total ?? 0,
    acceptedPoints: sumCounter(metrics, 'kpi_ingestion_total', { status: 'accepted' }),
  };
}

/** Exporter status, models with their last run, payment-risk model version, open work. */
export function Overview({ api }: { api: ExporterApi }) {
  const styles = useStyles2(getStyles);
  const data = useLoad(() => loadOverview(api), api.datasourceUid);

  return (
    <PluginPage>
      <div data-testid="kpilens-overview" className={styles.page}>
        {data.loading && !data.value && (
          <LoadingPlaceholder text={t('app.loading', 'Loading from the exporter…')} />
        )}
        {data.error && (
          <Alert severity="error" title={t('app.overview.unreachable', 'The exporter did not answer')}>
            {data.error}{' '}
            {t(
              'app.overview.unreachable-hint',
              'Check the exporter URL and key on the app configuration page.',
            )}
          </Alert>
        )}
        {data.value && (
          <Stack direction="column" gap={2}>
            <div className={styles.tiles}>
              <Card>
                <Card.Heading>{t('app.overview.exporter', 'Exporter')}</Card.Heading>
                <Card.Description>
                  <Badge color="green" text={t('app.overview.connected', 'Connected')} />{' '}
                  {tv('app.overview.version', 'version {{version}}, API {{api}}, organization {{org}}', {
                    version: data.value.who.exporterVersion,
                    api: data.value.who.apiVersion,
                    org: data.value.who.organization,
                  })}
                </Card.Description>
              </Card>
              <Card>
                <Card.Heading>{t('app.overview.open-insights', 'Open insights')}</Card.Heading>
                <Card.Description>
                  <span className={styles.big}>{data.value.openInsights}</span>
                </Card.Description>
              </Card>
              <Card>
                <Card.Heading>{t('app.overview.pending', 'Pending recommendations')}</Card.Heading>
                <Card.Description>
                  <span className={styles.big}>{data.value.pendingRecommendations}</span>
                </Card.Description>
              </Card>
              <Card>
                <Card.Heading>{t('app.overview.ingested', 'Points accepted since start')}</Card.Heading>
                <Card.Description>
                  <span className={styles.big}>{data.value.acceptedPoints?.toLocaleString('en') ?? '–'}</span>
                </Card.Description>
              </Card>
            </div>
            <Text element="h3">{t('app.overview.models', 'KPI models')}</Text>
            <table className={styles.table} aria-label={t('app.overview.models', 'KPI models')}>
              <thead>
                <tr>
                  <th>{t('app.overview.model', 'Model')}</th>
                  <th>{t('app.overview.kpis', 'KPIs')}</th>
                  <th>{t('app.overview.last-run', 'Last analysis')}</th>
                  <th>{t('app.overview.health', 'Health')}</th>
                </tr>
              </thead>
              <tbody>
                {data.value.models.models.map((m) => (
                  <tr key={m.name}>
                    <td>
                      <strong>{m.name}</strong>
                      <div className={styles.secondary}>{m.description}</div>
                    </td>
                    <td>{m.kpis.length}</td>
                    <td>{m.lastRun ? m.lastRun.finishedAt.replace('T', ' ').slice(0, 16) : '–'}</td>
                    <td>
                      {m.lastRun === null ? (
                        <Badge color="blue" text={t('app.overview.never', 'Not analysed yet')} />
                      ) : m.lastRun.status === 'ok' ? (
                        <Badge
                          color="green"
                          text={tv('app.overview.ok', 'OK, {{count}} series', {
                            count: m.lastRun.seriesAnalysed,
                          })}
                        />
                      ) : (
                        <Badge color="red" text={m.lastRun.error ?? t('app.overview.failed', 'Failed')} />
                      )}
                    </td>
                  </tr>
                ))}
                {data.value.ml.map((m) => (
                  <tr key={`ml-${m.name}`}>
                    <td>
                      <strong>{m.name}</strong>
                      <div className={styles.secondary}>
                        {t('app.overview.payment-risk', 'Payment risk model')}
                      </div>
                    </td>
                    <td>–</td>
                    <td>{tv('app.overview.active-version', 'version {{version}}', { version: m.active })}</td>
                    <td>
                      <Badge color="green" text={t('app.overview.serving', 'Serving')} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Stack>
        )}
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ paddingTop: theme.spacing(1) }),
  tiles: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: theme.spacing(1),
  }),
  big: css({ fontSize: theme.typography.h2.fontSize, color: theme.colors.text.primary }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
