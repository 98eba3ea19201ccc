import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type { KpiQueryModel, QueryType } from '@kpilens/contract';
import { PROMETHEUS_REF } from '../datasources';

/** A PromQL target; `legend` is Grafana's legend format. */
export function prom(expr: string, legend = '', refId = 'A'): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .refId(refId)
    .datasource(PROMETHEUS_REF)
    .expr(expr)
    .legendFormat(legend || '__auto')
    .range();
}

/** A single-value PromQL target (stat, gauge, bar gauge, pie chart). */
export function promInstant(expr: string, legend = '', refId = 'A'): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .refId(refId)
    .datasource(PROMETHEUS_REF)
    .expr(expr)
    .legendFormat(legend || '__auto')
    .instant();
}

/** A query of the KPI Lens datasource: the contract's query model (contract/src/queries.ts). */
export type KpiLensQuery = KpiQueryModel & { refId?: string; queryType: QueryType };

export class KpiLensQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(private readonly query: KpiLensQuery) {}

  build(): cog.Dataquery {
    return {
      refId: 'A',
      ...this.query,
      // The datasource of each target: panels mixing sources stay explicit.
      datasource: { type: 'kpilens-exporter-datasource', uid: 'kpilens-exporter' },
      _implementsDataqueryVariant() {},
    } as cog.Dataquery;
  }
}

export const kpiLens = (q: KpiLensQuery) => new KpiLensQueryBuilder(q);
