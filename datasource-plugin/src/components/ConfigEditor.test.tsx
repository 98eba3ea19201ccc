import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import type { KpiDataSourceOptions, KpiSecureJsonData } from '../types';

function settings(
  overrides: Partial<DataSourceSettings<KpiDataSourceOptions, KpiSecureJsonData>> = {},
): DataSourceSettings<KpiDataSourceOptions, KpiSecureJsonData> {
  return {
    id: 1,
    uid: 'kpilens',
    orgId: 1,
    name: 'KPI Lens',
    type: 'kpilens-exporter-datasource',
    typeName: 'KPI Lens',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    withCredentials: false,
    readOnly: false,
    jsonData: { url: 'http://exporter:8080' },
    secureJsonFields: {},
    ...overrides,
  };
}

describe('ConfigEditor', () => {
  it('keeps the exporter URL in jsonData, where the proxy route reads it', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);

    const url = screen.getByPlaceholderText('http://localhost:9470');
    expect(url).toHaveValue('http://exporter:8080');
    fireEvent.change(url, { target: { value: ' http://kpilens:9000 ' } });

    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    const next = onOptionsChange.mock.calls[0][0];
    expect(next.jsonData).toEqual({ url: 'http://kpilens:9000' });
    expect(next.secureJsonData).toBeUndefined();
  });

  it('sends the API key only as secureJsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);

    fireEvent.change(screen.getByPlaceholderText('kpl_...'), { target: { value: 'kpl_secret' } });

    const next = onOptionsChange.mock.calls[0][0];
    expect(next.secureJsonData).toEqual({ apiKey: 'kpl_secret' });
    expect(JSON.stringify(next.jsonData)).not.toContain('kpl_secret');
  });

  it('shows a stored key as configured and lets the user reset it', () => {
    const onOptionsChange = jest.fn();
    render(
      <ConfigEditor
        options={settings({ secureJsonFields: { apiKey: true } })}
        onOptionsChange={onOptionsChange}
      />,
    );

    expect(screen.getByDisplayValue('configured')).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: /reset/i }));

    const next = onOptionsChange.mock.calls[0][0];
    expect(next.secureJsonFields).toEqual({ apiKey: false });
    expect(next.secureJsonData).toEqual({ apiKey: '' });
  });
});
