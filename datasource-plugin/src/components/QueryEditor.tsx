import React, { type ChangeEvent } from 'react';
import { Aggregations, type Aggregation } from '@kpilens/contract';
import type { QueryEditorProps } from '@grafana/data';
import { Combobox, type ComboboxOption, InlineField, Input, Stack } from '@grafana/ui';
import type { DataSource } from '../datasource';
import type { KpiDataSourceOptions, KpiQuery } from '../types';

type Props = QueryEditorProps<DataSource, KpiQuery, KpiDataSourceOptions>;

const AGGREGATION_OPTIONS: Array<ComboboxOption<Aggregation>> = Aggregations.map((a) => ({
  value: a,
  label: a,
}));

/** Model, metric and aggregation of one KPI query; runs the query when a field is committed. */
export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const onTextChange = (key: 'model' | 'metric') => (event: ChangeEvent<HTMLInputElement>) => {
    onChange({ ...query, [key]: event.target.value });
  };

  return (
    <Stack gap={1} wrap="wrap">
      <InlineField label="Model" labelWidth={10} tooltip="KPI model, e.g. marketing">
        <Input
          id={`kpilens-query-model-${query.refId}`}
          value={query.model ?? ''}
          placeholder="marketing"
          width={20}
          onChange={onTextChange('model')}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineField label="Metric" labelWidth={10} tooltip="Metric of the model, e.g. ctr">
        <Input
          id={`kpilens-query-metric-${query.refId}`}
          value={query.metric ?? ''}
          placeholder="ctr"
          width={20}
          onChange={onTextChange('metric')}
          onBlur={onRunQuery}
        />
      </InlineField>
      <InlineField label="Aggregation" labelWidth={14} tooltip="How points are combined within each interval">
        <Combobox<Aggregation>
          id={`kpilens-query-aggregation-${query.refId}`}
          options={AGGREGATION_OPTIONS}
          value={query.aggregation ?? 'avg'}
          width={12}
          onChange={(option) => {
            onChange({ ...query, aggregation: option.value });
            onRunQuery();
          }}
        />
      </InlineField>
    </Stack>
  );
}
