import React from 'react';
import { render, screen } from '@testing-library/react';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import { proxyBackendSrv } from '../../../plugins-config/testing';
import { DataSource } from '../datasource';
import { primeTextMeasurement } from '../testing/measure-text';
import { DashboardVariables } from '../testing/template-srv';
import type { KpiVariableQuery } from '../types';
import { VariableQueryEditor } from './VariableQueryEditor';

beforeAll(() => {
  primeTextMeasurement();
  setBackendSrv(
    proxyBackendSrv({
      proxyUrl: '/api/datasources/proxy/uid/kpl',
      routes: { exporter: { url: 'http://127.0.0.1:9', headers: {} } },
    }).backendSrv,
  );
  setTemplateSrv(new DashboardVariables({}));
});

const datasource = new DataSource({
  id: 1,
  uid: 'kpl',
  type: 'kpilens-exporter-datasource',
  name: 'KPI Lens',
  url: '/api/datasources/proxy/uid/kpl',
  access: 'proxy',
  readOnly: false,
  jsonData: { url: 'http://127.0.0.1:9' },
  meta: {} as never,
});

function renderEditor(query: KpiVariableQuery) {
  render(
    <VariableQueryEditor datasource={datasource} query={query} onChange={jest.fn()} onRunQuery={jest.fn()} />,
  );
}

describe('VariableQueryEditor', () => {
  it('asks for the key of a dimension-values list, with model and metric to narrow it', () => {
    renderEditor({ refId: 'V', type: 'dimensionValues', model: '$model', dimensionKey: 'platform' });
    expect(screen.getByDisplayValue('Dimension values')).toBeInTheDocument();
    expect(screen.getByText('Model')).toBeInTheDocument();
    expect(screen.getByText('Metric')).toBeInTheDocument();
    expect(screen.getByDisplayValue('platform')).toBeInTheDocument();
    expect(screen.getByDisplayValue('$model')).toBeInTheDocument();
  });

  it('needs nothing more to list models or accounts', () => {
    renderEditor({ refId: 'V', type: 'accounts' });
    expect(screen.getByDisplayValue('Accounts')).toBeInTheDocument();
    expect(screen.queryByText('Model')).not.toBeInTheDocument();
    expect(screen.queryByText('Dimension key')).not.toBeInTheDocument();
  });
});
