import React, { useState } from 'react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, SecretInput, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { apiError, type AppSettings } from '../../api/exporter-api';
import { configErrors, setupDatasource } from '../../api/setup-datasource';
import { tv } from '../../i18n';

type Props = PluginConfigPageProps<AppPluginMeta<AppSettings>>;

/** Exporter URL and key: sets up the KPI Lens data source the app and the dashboards read through. */
export function AppConfig({ plugin }: Props) {
  const settings = plugin.meta.jsonData ?? {};
  const [url, setUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [keyStored, setKeyStored] = useState(Boolean(settings.datasourceUid));
  const [state, setState] = useState<{ saving: boolean; done?: string; error?: string }>({ saving: false });
  const errors = configErrors(url, apiKey, keyStored);
  const valid = Object.keys(errors).length === 0;

  const save = async () => {
    setState({ saving: true });
    try {
      const uid = await setupDatasource(getBackendSrv(), url, apiKey, settings);
      setKeyStored(true);
      setApiKey('');
      setState({ saving: false, done: uid });
    } catch (err) {
      setState({ saving: false, error: apiError(err) });
    }
  };

  return (
    <FieldSet label={t('app.config.title', 'KPI Lens exporter')}>
      <Field
        label={t('app.config.url', 'Exporter URL')}
        description={t(
          'app.config.url-help',
          'Where Grafana’s server reaches the exporter, e.g. http://kpilens-exporter:8080',
        )}
        invalid={url !== '' && Boolean(errors.url)}
        error={errors.url}
      >
        <Input
          id="kpilens-url"
          width={60}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          placeholder="http://localhost:8080"
        />
      </Field>
      <Field
        label={t('app.config.key', 'API key')}
        description={t(
          'app.config.key-help',
          'Kept by Grafana’s server (secureJsonData); the browser never sees it.',
        )}
      >
        <SecretInput
          id="kpilens-key"
          width={60}
          value={apiKey}
          isConfigured={keyStored}
          onReset={() => setKeyStored(false)}
          onChange={(e) => setApiKey(e.currentTarget.value)}
        />
      </Field>
      <Stack direction="column" gap={1}>
        <div>
          <Button disabled={!valid || state.saving} onClick={save} icon={state.saving ? 'spinner' : 'save'}>
            {t('app.config.save', 'Save and set up the data source')}
          </Button>
        </div>
        {state.done && (
          <Alert severity="success" title={t('app.config.saved', 'The KPI Lens data source is ready')}>
            {tv(
              'app.config.saved-hint',
              'Data source uid {{uid}}. Open the app pages or the KPI Lens dashboards.',
              { uid: state.done },
            )}
          </Alert>
        )}
        {state.error && (
          <Alert severity="error" title={t('app.config.failed', 'Could not set up the data source')}>
            {state.error}{' '}
            {t('app.config.failed-hint', 'Setting up a data source needs the Grafana Admin role.')}
          </Alert>
        )}
      </Stack>
    </FieldSet>
  );
}
