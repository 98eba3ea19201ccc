import React, { useMemo } from 'react';
import type { AppRootProps } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, LinkButton } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { ExporterApi, type AppSettings } from '../api/exporter-api';
import { Models } from '../pages/Models/Models';
import { Overview } from '../pages/Overview/Overview';
import { Recommendations } from '../pages/Recommendations/Recommendations';
import { RiskExplorer } from '../pages/RiskExplorer/RiskExplorer';
import { pageOf } from '../routes';

/** The app's root: the page for Grafana's current app path, reading through the configured data source. */
export default function App({ path, meta, query }: AppRootProps<AppSettings>) {
  const uid = meta.jsonData?.datasourceUid;
  const api = useMemo(() => (uid ? new ExporterApi(uid) : null), [uid]);
  if (!uid || !api) {
    return (
      <PluginPage>
        <Alert
          severity="info"
          title={t('app.setup.title', 'Connect KPI Lens to its exporter')}
          data-testid="kpilens-setup"
        >
          {t(
            'app.setup.hint',
            'An administrator sets the exporter URL and key on the app configuration page.',
          )}{' '}
          <LinkButton href={`/plugins/${meta.id}?page=configuration`} size="sm" variant="secondary">
            {t('app.setup.open', 'Open the configuration')}
          </LinkButton>
        </Alert>
      </PluginPage>
    );
  }
  switch (pageOf(path)) {
    case 'overview':
      return <Overview api={api} />;
    case 'risk':
      return (
        <RiskExplorer
          api={api}
          initialAccount={typeof query?.account === 'string' ? query.account : undefined}
        />
      );
    case 'recommendations':
      return <Recommendations api={api} datasourceUid={uid} />;
    case 'models':
      return <Models api={api} />;
  }
}
