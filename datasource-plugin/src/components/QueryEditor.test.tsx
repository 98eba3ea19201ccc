import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import { proxyBackendSrv } from '../../../plugins-config/testing';
import { DataSource } from '../datasource';
import { primeTextMeasurement } from '../testing/measure-text';
import { DashboardVariables } from '../testing/template-srv';
import type { KpiQuery } from '../types';
import { QueryEditor } from './QueryEditor';

// No exporter behind the proxy here: pickers fall back to what is typed and the dashboard's variables.
beforeAll(() => {
  primeTextMeasurement();
  setBackendSrv(
    proxyBackendSrv({
      proxyUrl: '/api/datasources/proxy/uid/kpl',
      routes: { exporter: { url: 'http://127.0.0.1:9', headers: {} } },
    }).backendSrv,
  );
  setTemplateSrv(new DashboardVariables({ platform: ['instagram', 'tiktok'] }));
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

function renderEditor(query: KpiQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor datasource={datasource} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('shows the fields of a KPI series query, dimension filters included', () => {
    renderEditor({
      refId: 'A',
      queryType: 'series',
      model: 'marketing',
      metric: 'ctr',
      dimensions: [{ key: 'platform', value: '$platform' }],
    });
    for (const label of ['Query type', 'Model', 'Metric', 'Aggregation', 'Interval', 'Limit', 'Dimension']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(screen.getByDisplayValue('KPI series')).toBeInTheDocument();
    expect(screen.getByDisplayValue('$platform')).toBeInTheDocument();
    expect(screen.queryByText('Severity')).not.toBeInTheDocument();
  });

  it('shows only what an insights query takes', () => {
    renderEditor({ refId: 'A', queryType: 'insights', severities: ['critical'] });
    expect(screen.getByText('Severity')).toBeInTheDocument();
    expect(screen.getByText('Status')).toBeInTheDocument();
    expect(screen.queryByText('Metric')).not.toBeInTheDocument();
    expect(screen.queryByText('Aggregation')).not.toBeInTheDocument();
  });

  it('runs the query once a typed interval is committed, not on each key', () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', model: 'm', metric: 'x' });
    const interval = screen.getByPlaceholderText('auto');
    fireEvent.change(interval, { target: { value: '1h' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ interval: '1h' }));
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(interval);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('adds an empty dimension filter without running, and runs when one is removed', () => {
    const { onChange, onRunQuery } = renderEditor({
      refId: 'A',
      model: 'm',
      metric: 'x',
      dimensions: [{ key: 'platform', value: 'tiktok' }],
    });
    fireEvent.click(screen.getByRole('button', { name: /dimension filter/i }));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        dimensions: [
          { key: 'platform', value: 'tiktok' },
          { key: '', value: '' },
        ],
      }),
    );
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /remove this filter/i }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ dimensions: [] }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('switches the risk distribution measure and the briefing language with radio buttons', () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'riskDistribution' });
    fireEvent.click(screen.getByLabelText('Revenue'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ riskMeasure: 'revenue_at_risk' }));
    expect(onRunQuery).toHaveBeenCalled();
  });
});
