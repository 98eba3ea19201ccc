import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Card, LoadingPlaceholder, Stack, TagList, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import {
  InsightTypes,
  type AnalyzeResult,
  type LearningList,
  type ModelInfo,
  type ModelList,
} from '@kpilens/contract';
import { apiError, type ExporterApi } from '../../api/exporter-api';
import { useLoad } from '../../api/use-load';
import { userCanAct } from '@kpilens/panel-plugin/src/actions/datasource-actions';
import { tv } from '../../i18n';

const seriesName = (s: { model: string; metric: string; dimensions: Record<string, string> }) =>
  `${s.model}.${s.metric}${
    Object.keys(s.dimensions).length
      ? `{${Object.entries(s.dimensions)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}}`
      : ''
  }`;

function ModelCard({
  model,
  api,
  learnings,
  onRan,
}: {
  model: ModelInfo;
  api: ExporterApi;
  learnings: LearningList | undefined;
  onRan: () => void;
}) {
  const styles = useStyles2(getStyles);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const mine = (learnings?.learnings ?? []).filter(
    (l) => l.leader.model === model.name || l.follower.model === model.name,
  );

  const run = async () => {
    setRunning(true);
    try {
      const r = await api.post<AnalyzeResult>(`/models/${encodeURIComponent(model.name)}/analyze`);
      setResult(
        tv(
          'app.models.ran',
          '{{series}} series analysed: {{opened}} new, {{updated}} updated, {{resolved}} resolved insights',
          {
            series: r.seriesAnalysed,
            opened: r.opened,
            updated: r.updated,
            resolved: r.resolved,
          },
        ),
      );
      onRan();
    } catch (err) {
      setResult(apiError(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card>
      <Card.Heading>{model.name}</Card.Heading>
      <Card.Description>
        <div>{model.description}</div>
        <div className={styles.section}>
          <strong>{t('app.models.kpis', 'KPIs')}</strong>
          <ul className={styles.list}>
            {model.kpis.map((k) => (
              <li key={k.metric}>
                <code>{k.metric}</code> — {k.description}
                {k.unit ? ` (${k.unit})` : ''}
                {k.goodDirection
                  ? ` · ${k.goodDirection === 'up' ? '↑' : '↓'} ${t('app.models.good', 'is good')}`
                  : ''}
              </li>
            ))}
          </ul>
        </div>
        <div className={styles.section}>
          <strong>{t('app.models.detectors', 'Detectors')}</strong>
          <TagList tags={[...InsightTypes]} />
        </div>
        <div className={styles.section}>
          <strong>{t('app.models.learnings', 'Learnings')}</strong>
          {mine.length === 0 ? (
            <div className={styles.secondary}>
              {t('app.models.no-learnings', 'No KPI of this model leads or follows another yet.')}
            </div>
          ) : (
            <ul className={styles.list}>
              {mine.map((l) => (
                <li key={l.id}>
                  {tv('app.models.learning', '{{leader}} leads {{follower}} by {{days}} d (r = {{r}})', {
                    leader: seriesName(l.leader),
                    follower: seriesName(l.follower),
                    days: l.lagDays,
                    r: l.correlation.toFixed(2),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
        {result && <div className={styles.section}>{result}</div>}
      </Card.Description>
      <Card.Meta>
        {model.lastRun
          ? [
              tv('app.models.last-run', 'Last analysis {{at}}', {
                at: model.lastRun.finishedAt.replace('T', ' ').slice(0, 16),
              }),
              model.lastRun.status === 'ok'
                ? t('app.models.status-ok', 'OK')
                : t('app.overview.failed', 'Failed'),
            ]
          : [t('app.overview.never', 'Not analysed yet')]}
      </Card.Meta>
      <Card.Actions>
        <Button icon="play" disabled={running || !userCanAct()} onClick={run}>
          {running ? t('app.models.running', 'Analysing…') : t('app.models.run', 'Run the analysis now')}
        </Button>
        {!userCanAct() && (
          <span className={styles.secondary}>
            {t('app.models.viewer', 'Editors and Admins can run the analysis.')}
          </span>
        )}
      </Card.Actions>
    </Card>
  );
}

/** Per KPI model: its KPIs, detectors, learnings, and its analysis on demand. */
export function Models({ api }: { api: ExporterApi }) {
  const styles = useStyles2(getStyles);
  const models = useLoad(() => api.get<ModelList>('/models'), api.datasourceUid);
  const learnings = useLoad(
    () => api.get<LearningList>('/learnings').catch(() => ({ learnings: [] })),
    api.datasourceUid,
  );
  return (
    <PluginPage>
      <div data-testid="kpilens-models" className={styles.page}>
        {models.loading && !models.value && (
          <LoadingPlaceholder text={t('app.loading', 'Loading from the exporter…')} />
        )}
        {models.error && (
          <Alert severity="error" title={t('app.models.error', 'Could not read the models')}>
            {models.error}{' '}
            {t(
              'app.overview.unreachable-hint',
              'Check the exporter URL and key on the app configuration page.',
            )}
          </Alert>
        )}
        <Stack direction="column" gap={1}>
          {models.value?.models.map((m) => (
            <ModelCard key={m.name} model={m} api={api} learnings={learnings.value} onRan={models.reload} />
          ))}
        </Stack>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ paddingTop: theme.spacing(1) }),
  section: css({ marginTop: theme.spacing(1) }),
  list: css({ margin: 0, paddingLeft: theme.spacing(2.5) }),
  secondary: css({ color: theme.colors.text.secondary }),
});
