import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Badge, Card, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type {
  IngestionRate,
  InsightList,
  ModelList,
  ModelStatus,
  RecommendationList,
  WhoAmI,
} from '@kpilens/contract';
import type { ExporterApi } from '../../api/exporter-api';
import { useLoad } from '../../api/use-load';
import { tv } from '../../i18n';

interface OverviewData {
  who: WhoAmI;
  models: ModelList;
  /** null when the exporter serves no payment-risk model (it answered with an error) */
  ml: ModelStatus | null;
  openInsights: number;
  pendingRecommendations: number;
  ingestion: IngestionRate;
}

async function loadOverview(api: ExporterApi): Promise<OverviewData> {
  const [who, models, ml, insights, recs, ingestion] = await Promise.all([
    api.get<WhoAmI>('/whoami'),
    api.get<ModelList>('/models'),
    api.get<ModelStatus>('/ml/models/status').catch(() => null),
    api.get<InsightList>('/insights', { status: 'active', limit: 1 }),
    api.get<RecommendationList>('/recommendations', { status: 'pending', limit: 1 }),
    api.get<IngestionRate>('/ingestion'),
  ]);
  return {
    who,
    models,
    ml,
    openInsights: insights.total,
    pendingRecommendations: recs.total,
    ingestion,
  };
}

/** The live AUC of the version served, if its predictions have outcomes yet. */
export function liveQuality(ml: ModelStatus | null) {
  return ml?.realized.versions.find((v) => v.version === ml.activeModelVersion) ?? null;
}

const number = (n: number, digits = 0) =>
  n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });

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
                <Card.Heading>{t('app.overview.ingestion', 'Ingestion rate')}</Card.Heading>
                <Card.Description>
                  <span className={styles.big}>
                    {tv('app.overview.per-second', '{{rate}} points/s', {
                      rate: number(data.value.ingestion.windows[1]?.perSecond ?? 0, 1),
                    })}
                  </span>
                  <div className={styles.secondary}>
                    {tv(
                      'app.overview.ingestion-detail',
                      'last 5 minutes; {{points}} points in the last hour',
                      {
                        points: number(data.value.ingestion.windows[2]?.points ?? 0),
                      },
                    )}
                  </div>
                </Card.Description>
              </Card>
              <Card>
                <Card.Heading>{t('app.overview.payment-risk', 'Payment risk model')}</Card.Heading>
                <Card.Description>
                  {data.value.ml === null ? (
                    t('app.overview.no-ml', 'The exporter serves no payment-risk model.')
                  ) : (
                    <>
                      <span className={styles.big}>
                        {liveQuality(data.value.ml)?.auc != null
                          ? tv('app.overview.auc', 'AUC {{auc}}', {
                              auc: number(liveQuality(data.value.ml)!.auc!, 3),
                            })
                          : '–'}
                      </span>
                      <div className={styles.secondary}>
                        {liveQuality(data.value.ml)
                          ? tv(
                              'app.overview.auc-detail',
                              'version {{version}}; live, over {{outcomes}} invoices due in the last {{days}} days',
                              {
                                version: data.value.ml.activeModelVersion,
                                outcomes: liveQuality(data.value.ml)!.outcomes,
                                days: data.value.ml.realized.windowDays,
                              },
                            )
                          : tv(
                              'app.overview.auc-pending',
                              'version {{version}}; no invoice it scored has come due in the last {{days}} days yet',
                              {
                                version: data.value.ml.activeModelVersion,
                                days: data.value.ml.realized.windowDays,
                              },
                            )}
                      </div>
                    </>
                  )}
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
                {data.value.ml && (
                  <tr>
                    <td>
                      <strong>{data.value.ml.name}</strong>
                      <div className={styles.secondary}>
                        {t('app.overview.payment-risk', 'Payment risk model')}
                      </div>
                    </td>
                    <td>–</td>
                    <td>
                      {tv('app.overview.active-version', 'version {{version}}', {
                        version: data.value.ml.active,
                      })}
                    </td>
                    <td>
                      <Badge color="green" text={t('app.overview.serving', 'Serving')} />
                    </td>
                  </tr>
                )}
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
