import React from 'react';
import type { DimensionFilter, QueryType } from '@kpilens/contract';
import type { QueryEditorProps } from '@grafana/data';
import { t } from '@grafana/i18n';
import { getTemplateSrv } from '@grafana/runtime';
import {
  Button,
  Combobox,
  IconButton,
  InlineField,
  InlineSwitch,
  Input,
  MultiCombobox,
  RadioButtonGroup,
  Stack,
} from '@grafana/ui';
import type { DataSource } from '../datasource';
import {
  AGGREGATION_OPTIONS,
  FIELDS_BY_TYPE,
  horizonOptions,
  insightStatusOptions,
  LANGUAGE_OPTIONS,
  queryTypeOptions,
  recommendationStatusOptions,
  RISK_LEVEL_OPTIONS,
  riskMeasureOptions,
  SEVERITY_OPTIONS,
  withVariables,
} from '../query/editor-options';
import { queryTypeOf } from '../query/requests';
import type { KpiDataSourceOptions, KpiQuery } from '../types';
import { useExporterOptions } from './useExporterOptions';

type Props = QueryEditorProps<DataSource, KpiQuery, KpiDataSourceOptions>;

// Wide enough for the French labels (Type de requête) with their tooltip icon.
const LABEL = 18;

function variableNames(): string[] {
  return getTemplateSrv()
    .getVariables()
    .map((v) => v.name);
}

/** Every query type from @grafana/ui controls; a change that completes a field runs the query. */
export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  const type = queryTypeOf(query);
  const typeOptions = queryTypeOptions();
  const fields = new Set(FIELDS_BY_TYPE[type]);
  const variables = variableNames();
  const models = useExporterOptions(datasource, { type: 'models' });
  const metrics = useExporterOptions(
    datasource,
    query.model ? { type: 'metrics', model: query.model } : null,
  );
  const keys = useExporterOptions(
    datasource,
    fields.has('dimensions') && query.model && query.metric
      ? { type: 'dimensionKeys', model: query.model, metric: query.metric }
      : null,
  );

  const update = (patch: Partial<KpiQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const id = (name: string) => `kpilens-${name}-${query.refId}`;

  return (
    <Stack direction="column" gap={0.5}>
      <Stack gap={0.5} wrap="wrap">
        <InlineField
          label={t('editor.query-type', 'Query type')}
          labelWidth={LABEL}
          tooltip={typeOptions.find((o) => o.value === type)?.description}
        >
          <Combobox<QueryType>
            id={id('type')}
            options={typeOptions}
            value={type}
            width={24}
            onChange={(o) => update({ queryType: o.value })}
          />
        </InlineField>
        {fields.has('model') && (
          <InlineField
            label={t('editor.model', 'Model')}
            labelWidth="auto"
            tooltip={t('editor.model-help', 'KPI model, e.g. marketing; variables such as $model work')}
          >
            <Combobox
              id={id('model')}
              options={withVariables(models, variables, query.model)}
              value={query.model ?? null}
              width={22}
              isClearable={type !== 'series' && type !== 'anomalyBand' && type !== 'forecast'}
              createCustomValue
              placeholder="marketing"
              onChange={(o: { value: string } | null) => update({ model: o?.value ?? undefined })}
            />
          </InlineField>
        )}
        {fields.has('metric') && (
          <InlineField
            label={t('editor.metric', 'Metric')}
            labelWidth="auto"
            tooltip={t('editor.metric-help', 'Metric of the model, e.g. ctr')}
          >
            <Combobox
              id={id('metric')}
              options={withVariables(metrics, variables, query.metric)}
              value={query.metric ?? null}
              width={26}
              createCustomValue
              placeholder="ctr"
              onChange={(o) => update({ metric: o.value })}
            />
          </InlineField>
        )}
        {fields.has('aggregation') && (
          <InlineField
            label={t('editor.aggregation', 'Aggregation')}
            labelWidth={12}
            tooltip={t('editor.aggregation-help', 'How points are combined within each interval')}
          >
            <Combobox
              id={id('aggregation')}
              options={AGGREGATION_OPTIONS}
              value={query.aggregation ?? 'avg'}
              width={10}
              onChange={(o) => update({ aggregation: o.value })}
            />
          </InlineField>
        )}
        {fields.has('interval') && (
          <InlineField
            label={t('editor.interval', 'Interval')}
            labelWidth="auto"
            tooltip={t('editor.interval-help', "Bucket width such as 1h or 1d; empty: the panel's interval")}
          >
            <Input
              id={id('interval')}
              value={query.interval ?? ''}
              placeholder={t('editor.auto', 'auto')}
              width={10}
              onChange={(e) => update({ interval: e.currentTarget.value }, false)}
              onBlur={onRunQuery}
            />
          </InlineField>
        )}
        {fields.has('limit') && (
          <InlineField
            label={t('editor.limit', 'Limit')}
            labelWidth="auto"
            tooltip={t('editor.limit-help', 'Most series (or accounts) returned')}
          >
            <Input
              id={id('limit')}
              type="number"
              min={1}
              value={query.limit ?? ''}
              placeholder={type === 'riskScores' ? '1000' : '100'}
              width={9}
              onChange={(e) => {
                const n = parseInt(e.currentTarget.value, 10);
                update({ limit: Number.isFinite(n) && n > 0 ? n : undefined }, false);
              }}
              onBlur={onRunQuery}
            />
          </InlineField>
        )}
      </Stack>

      {fields.has('dimensions') && (
        <DimensionFilters
          datasource={datasource}
          query={query}
          keys={withVariables(keys, variables).map((o) => o.value)}
          variables={variables}
          onChange={(dimensions, run) => update({ dimensions }, run)}
          onRunQuery={onRunQuery}
        />
      )}

      {(fields.has('forecast') ||
        fields.has('severities') ||
        fields.has('insightStatus') ||
        fields.has('recommendationStatus') ||
        fields.has('riskLevels') ||
        fields.has('riskMeasure') ||
        fields.has('language')) && (
        <Stack gap={0.5} wrap="wrap">
          {fields.has('forecast') && (
            <>
              <InlineField
                label={t('editor.prediction-interval', 'Prediction interval')}
                labelWidth="auto"
                tooltip={t('editor.prediction-interval-help', 'Draw the lower and upper bounds')}
              >
                <InlineSwitch
                  id={id('forecast-interval')}
                  value={query.forecastInterval ?? true}
                  onChange={(e) => update({ forecastInterval: e.currentTarget.checked })}
                />
              </InlineField>
              <InlineField
                label={t('editor.horizon', 'Horizon')}
                labelWidth="auto"
                tooltip={t('editor.horizon-help', 'Days ahead shown')}
              >
                <Combobox<number>
                  id={id('horizon')}
                  options={horizonOptions()}
                  value={query.horizonDays ?? 30}
                  width={12}
                  onChange={(o) => update({ horizonDays: o.value })}
                />
              </InlineField>
            </>
          )}
          {fields.has('severities') && (
            <InlineField
              label={t('editor.severity', 'Severity')}
              labelWidth="auto"
              tooltip={t('editor.severity-help', 'Empty: every severity')}
            >
              <MultiCombobox
                id={id('severities')}
                options={withVariables(
                  SEVERITY_OPTIONS.map((o) => o.value),
                  variables,
                )}
                value={query.severities ?? []}
                width="auto"
                minWidth={20}
                placeholder={t('editor.any', 'any')}
                onChange={(opts) =>
                  update({ severities: opts.map((o) => o.value) as KpiQuery['severities'] })
                }
              />
            </InlineField>
          )}
          {fields.has('insightStatus') && (
            <InlineField label={t('editor.status', 'Status')} labelWidth={8}>
              <Combobox
                id={id('insight-status')}
                options={insightStatusOptions()}
                value={query.insightStatus ?? ''}
                width={14}
                onChange={(o) =>
                  update({ insightStatus: (o.value || undefined) as KpiQuery['insightStatus'] })
                }
              />
            </InlineField>
          )}
          {fields.has('recommendationStatus') && (
            <InlineField label={t('editor.status', 'Status')} labelWidth={8}>
              <Combobox
                id={id('recommendation-status')}
                options={recommendationStatusOptions()}
                value={query.recommendationStatus ?? ''}
                width={14}
                onChange={(o) =>
                  update({ recommendationStatus: (o.value || undefined) as KpiQuery['recommendationStatus'] })
                }
              />
            </InlineField>
          )}
          {fields.has('riskLevels') && (
            <InlineField
              label={t('editor.levels', 'Levels')}
              labelWidth={8}
              tooltip={t('editor.levels-help', 'Empty: every level')}
            >
              <MultiCombobox
                id={id('risk-levels')}
                options={withVariables(
                  RISK_LEVEL_OPTIONS.map((o) => o.value),
                  variables,
                )}
                value={query.riskLevels ?? []}
                width="auto"
                minWidth={24}
                placeholder={t('editor.any', 'any')}
                onChange={(opts) =>
                  update({ riskLevels: opts.map((o) => o.value) as KpiQuery['riskLevels'] })
                }
              />
            </InlineField>
          )}
          {fields.has('riskMeasure') && (
            <InlineField label={t('editor.measure', 'Measure')} labelWidth={9}>
              <RadioButtonGroup
                options={riskMeasureOptions()}
                value={query.riskMeasure ?? 'accounts'}
                onChange={(v) => update({ riskMeasure: v })}
              />
            </InlineField>
          )}
          {fields.has('language') && (
            <InlineField label={t('editor.language', 'Language')} labelWidth={10}>
              <RadioButtonGroup
                options={LANGUAGE_OPTIONS}
                value={query.language ?? 'en'}
                onChange={(v) => update({ language: v })}
              />
            </InlineField>
          )}
        </Stack>
      )}
    </Stack>
  );
}

interface DimensionProps {
  datasource: DataSource;
  query: KpiQuery;
  keys: string[];
  variables: string[];
  onChange: (dimensions: DimensionFilter[], run: boolean) => void;
  onRunQuery: () => void;
}

/** Exact-match dimension filters, one row each: key and value pickers (values of the chosen key). */
function DimensionFilters({ datasource, query, keys, variables, onChange }: DimensionProps) {
  const dims = query.dimensions ?? [];
  const set = (i: number, patch: Partial<DimensionFilter>) => {
    const next = dims.map((d, k) => (k === i ? { ...d, ...patch } : d));
    onChange(next, Boolean(next[i].key && next[i].value));
  };
  return (
    <Stack direction="column" gap={0.5}>
      {dims.map((d, i) => (
        <DimensionRow
          key={i}
          index={i}
          refId={query.refId}
          datasource={datasource}
          model={query.model}
          metric={query.metric}
          filter={d}
          keys={keys}
          variables={variables}
          onChange={(patch) => set(i, patch)}
          onRemove={() =>
            onChange(
              dims.filter((_, k) => k !== i),
              true,
            )
          }
        />
      ))}
      <div>
        <Button
          variant="secondary"
          size="sm"
          icon="plus"
          onClick={() => onChange([...dims, { key: '', value: '' }], false)}
        >
          {t('editor.add-dimension', 'Dimension filter')}
        </Button>
      </div>
    </Stack>
  );
}

function DimensionRow(props: {
  index: number;
  refId: string;
  datasource: DataSource;
  model?: string;
  metric?: string;
  filter: DimensionFilter;
  keys: string[];
  variables: string[];
  onChange: (patch: Partial<DimensionFilter>) => void;
  onRemove: () => void;
}) {
  const { index, refId, datasource, model, metric, filter, keys, variables, onChange, onRemove } = props;
  const values = useExporterOptions(
    datasource,
    filter.key ? { type: 'dimensionValues', model, metric, dimensionKey: filter.key } : null,
  );
  return (
    <Stack gap={0.5}>
      <InlineField label={t('editor.dimension', 'Dimension')} labelWidth={LABEL}>
        <Combobox
          id={`kpilens-dim-key-${refId}-${index}`}
          options={withVariables(keys, [], filter.key || undefined)}
          value={filter.key || null}
          width={22}
          createCustomValue
          placeholder="platform"
          onChange={(o) => onChange({ key: o.value, value: '' })}
        />
      </InlineField>
      <InlineField label="=" labelWidth={3}>
        <Combobox
          id={`kpilens-dim-value-${refId}-${index}`}
          options={withVariables(values, variables, filter.value || undefined)}
          value={filter.value || null}
          width={26}
          createCustomValue
          placeholder={t('editor.dimension-value-placeholder', 'instagram or $platform')}
          onChange={(o) => onChange({ value: o.value })}
        />
      </InlineField>
      <IconButton
        name="trash-alt"
        tooltip={t('editor.remove-dimension', 'Remove this filter')}
        onClick={onRemove}
      />
    </Stack>
  );
}
