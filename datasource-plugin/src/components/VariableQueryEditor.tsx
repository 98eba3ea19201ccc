import React from 'react';
import type { VariableQueryType } from '@kpilens/contract';
import type { QueryEditorProps } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Combobox, InlineField, Stack } from '@grafana/ui';
import type { DataSource } from '../datasource';
import { variableTypeOptions, withVariables } from '../query/editor-options';
import type { KpiDataSourceOptions, KpiQuery, KpiVariableQuery } from '../types';
import { useExporterOptions } from './useExporterOptions';

type Props = QueryEditorProps<DataSource, KpiQuery, KpiDataSourceOptions, KpiVariableQuery>;

/** What a dashboard variable lists: models, metrics, dimension keys or values, accounts. */
export function VariableQueryEditor({ datasource, query, onChange }: Props) {
  const type = query.type ?? 'models';
  const models = useExporterOptions(datasource, { type: 'models' });
  const metrics = useExporterOptions(
    datasource,
    query.model ? { type: 'metrics', model: query.model } : null,
  );
  const keys = useExporterOptions(datasource, {
    type: 'dimensionKeys',
    model: query.model,
    metric: query.metric,
  });
  const set = (patch: Partial<KpiVariableQuery>) => onChange({ ...query, type, ...patch });
  const needsModel = type === 'metrics' || type === 'dimensionKeys' || type === 'dimensionValues';
  const needsMetric = type === 'dimensionKeys' || type === 'dimensionValues';
  return (
    <Stack direction="column" gap={0.5}>
      <InlineField label={t('variable.list', 'List')} labelWidth={16}>
        <Combobox<VariableQueryType>
          id="kpilens-variable-type"
          options={variableTypeOptions()}
          value={type}
          width={30}
          onChange={(o) => set({ type: o.value })}
        />
      </InlineField>
      {needsModel && (
        <InlineField
          label={t('editor.model', 'Model')}
          labelWidth={16}
          tooltip={t('variable.model-help', 'Empty: every model; other variables such as $model work')}
        >
          <Combobox
            id="kpilens-variable-model"
            options={withVariables(models, [], query.model)}
            value={query.model ?? null}
            width={30}
            isClearable
            createCustomValue
            placeholder={t('editor.any', 'any')}
            onChange={(o) => set({ model: o?.value || undefined })}
          />
        </InlineField>
      )}
      {needsMetric && (
        <InlineField
          label={t('editor.metric', 'Metric')}
          labelWidth={16}
          tooltip={t('variable.metric-help', 'Empty: every metric')}
        >
          <Combobox
            id="kpilens-variable-metric"
            options={withVariables(metrics, [], query.metric)}
            value={query.metric ?? null}
            width={30}
            isClearable
            createCustomValue
            placeholder={t('editor.any', 'any')}
            onChange={(o) => set({ metric: o?.value || undefined })}
          />
        </InlineField>
      )}
      {type === 'dimensionValues' && (
        <InlineField label={t('variable.dimension-key', 'Dimension key')} labelWidth={16}>
          <Combobox
            id="kpilens-variable-key"
            options={withVariables(keys, [], query.dimensionKey)}
            value={query.dimensionKey ?? null}
            width={30}
            createCustomValue
            placeholder="platform"
            onChange={(o) => set({ dimensionKey: o.value })}
          />
        </InlineField>
      )}
    </Stack>
  );
}
