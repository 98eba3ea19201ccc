import { variableOptions, variableRequest } from './variables';

describe('variable queries', () => {
  it('lists distinct models and metrics from the stored pairs', () => {
    const catalog = {
      metrics: [
        { model: 'marketing', metric: 'cpc', series: 1 },
        { model: 'marketing', metric: 'ctr', series: 2 },
        { model: 'revenue', metric: 'ctr', series: 1 },
      ],
      truncated: false,
    };
    expect(variableRequest({ refId: 'V', type: 'models' })).toEqual({ path: '/metrics', params: {} });
    expect(variableOptions({ refId: 'V', type: 'models' }, catalog)).toEqual([
      { text: 'marketing' },
      { text: 'revenue' },
    ]);
    expect(variableRequest({ refId: 'V', type: 'metrics', model: 'marketing' })).toEqual({
      path: '/metrics',
      params: { model: 'marketing' },
    });
    expect(variableOptions({ refId: 'V', type: 'metrics' }, catalog)).toEqual([
      { text: 'cpc' },
      { text: 'ctr' },
    ]);
  });

  it('lists dimension keys and values narrowed by model and metric', () => {
    expect(variableRequest({ refId: 'V', type: 'dimensionKeys', model: 'm', metric: 'x' })).toEqual({
      path: '/dimensions',
      params: { model: 'm', metric: 'x' },
    });
    expect(variableRequest({ refId: 'V', type: 'dimensionValues', model: 'm', dimensionKey: 'a b' })).toEqual(
      {
        path: '/dimensions/a%20b/values',
        params: { model: 'm' },
      },
    );
    expect(() => variableRequest({ refId: 'V', type: 'dimensionValues' })).toThrow(
      'choose the dimension key',
    );
    expect(
      variableOptions(
        { refId: 'V', type: 'dimensionValues' },
        { key: 'a', values: [{ value: 'x', series: 2 }], truncated: false },
      ),
    ).toEqual([{ text: 'x' }]);
  });

  it('lists accounts by name with their id as the value', () => {
    expect(variableRequest({ refId: 'V', type: 'accounts' })).toEqual({
      path: '/accounts',
      params: { limit: 1000 },
    });
    expect(
      variableOptions(
        { refId: 'V', type: 'accounts' },
        {
          accounts: [
            { id: 'a1', name: 'Acme', openedAt: '2026-01-01T00:00:00Z', creditLimit: null },
            { id: 'a2', name: null, openedAt: '2026-01-01T00:00:00Z', creditLimit: null },
          ],
        },
      ),
    ).toEqual([
      { text: 'Acme (a1)', value: 'a1' },
      { text: 'a2', value: 'a2' },
    ]);
  });
});
