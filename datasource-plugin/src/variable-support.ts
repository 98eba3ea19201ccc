import {
  createDataFrame,
  CustomVariableSupport,
  FieldType,
  type DataQueryRequest,
  type DataQueryResponse,
} from '@grafana/data';
import { from, type Observable } from 'rxjs';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { interpolateVariableQuery } from './query/interpolate';
import { variableOptions, variableRequest } from './query/variables';
import type { KpiVariableQuery } from './types';

/** Dashboard variables listing models, metrics, dimension keys and values, or accounts. */
export class KpiVariableSupport extends CustomVariableSupport<DataSource, KpiVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<KpiVariableQuery>): Observable<DataQueryResponse> {
    return from(this.options(request.targets[0]));
  }

  private async options(target: KpiVariableQuery | undefined): Promise<DataQueryResponse> {
    if (!target?.type) {
      return { data: [] };
    }
    const query = interpolateVariableQuery(target, this.datasource.replace());
    const values = variableOptions(query, await this.datasource.get(variableRequest(query)));
    return {
      data: [
        createDataFrame({
          refId: target.refId,
          fields: [
            { name: 'text', type: FieldType.string, values: values.map((v) => v.text) },
            { name: 'value', type: FieldType.string, values: values.map((v) => v.value ?? v.text) },
          ],
        }),
      ],
    };
  }
}
