import { Type, type Static } from '@sinclair/typebox';
import { MetricName, ModelName } from './names';

// What is stored, for pickers and template variables: models and metrics, dimension keys and their values.

const filtered = {
  additionalProperties: Type.String(),
  description: 'dimension filters as `dim.<key>=<value>`',
};

export const MetricCatalogQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type MetricCatalogQuery = Static<typeof MetricCatalogQuery>;

export const MetricCatalog = Type.Object({
  /** Stored (model, metric) pairs in name order, with how many series (dimension sets) each has. */
  metrics: Type.Array(Type.Object({ model: Type.String(), metric: Type.String(), series: Type.Integer() })),
  truncated: Type.Boolean({ description: 'more pairs exist than `limit`' }),
});
export type MetricCatalog = Static<typeof MetricCatalog>;

export const DimensionKeysQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    metric: Type.Optional(MetricName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
  },
  filtered,
);
export type DimensionKeysQuery = Static<typeof DimensionKeysQuery>;

export const DimensionKeyList = Type.Object({
  keys: Type.Array(Type.Object({ key: Type.String(), series: Type.Integer() })),
  truncated: Type.Boolean(),
});
export type DimensionKeyList = Static<typeof DimensionKeyList>;

export const DimensionValuesQuery = Type.Object(
  {
    model: Type.Optional(ModelName),
    metric: Type.Optional(MetricName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
  },
  filtered,
);
export type DimensionValuesQuery = Static<typeof DimensionValuesQuery>;

export const DimensionValueList = Type.Object({
  key: Type.String(),
  values: Type.Array(Type.Object({ value: Type.String(), series: Type.Integer() })),
  truncated: Type.Boolean(),
});
export type DimensionValueList = Static<typeof DimensionValueList>;
