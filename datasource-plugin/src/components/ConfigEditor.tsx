import React, { type ChangeEvent } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Field, Input, SecretInput, Stack } from '@grafana/ui';
import type { KpiDataSourceOptions, KpiSecureJsonData } from '../types';

type Props = DataSourcePluginOptionsEditorProps<KpiDataSourceOptions, KpiSecureJsonData>;

/** Exporter URL (read by Grafana's proxy route) and API key (write-only: Grafana stores it encrypted). */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields, secureJsonData } = options;

  const onUrlChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({ ...options, jsonData: { ...jsonData, url: event.target.value.trim() } });
  };

  const onApiKeyChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, apiKey: event.target.value } });
  };

  const onApiKeyReset = () => {
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, apiKey: false },
      secureJsonData: { ...secureJsonData, apiKey: '' },
    });
  };

  return (
    <Stack direction="column" gap={1}>
      <Field
        label={t('config.url', 'Exporter URL')}
        description={t(
          'config.url-help',
          "Where Grafana's server reaches the KPI Lens exporter, e.g. http://kpilens-exporter:9470",
        )}
        required
      >
        <Input
          id="kpilens-config-url"
          value={jsonData.url ?? ''}
          placeholder="http://localhost:9470"
          width={50}
          onChange={onUrlChange}
        />
      </Field>
      <Field
        label={t('config.api-key', 'API key')}
        description={t(
          'config.api-key-help',
          "A key with the read scope (ingest too to act on recommendations); sent by Grafana's server only",
        )}
        required
      >
        <SecretInput
          id="kpilens-config-api-key"
          isConfigured={Boolean(secureJsonFields?.apiKey)}
          value={secureJsonData?.apiKey ?? ''}
          placeholder="kpl_..."
          width={50}
          onReset={onApiKeyReset}
          onChange={onApiKeyChange}
        />
      </Field>
    </Stack>
  );
}
