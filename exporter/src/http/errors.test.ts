import { validationDetails } from './errors';

describe('validationDetails', () => {
  it('gives index, full path and expectation for batch items', () => {
    const d = validationDetails(
      [
        {
          instancePath: '/points/3/value',
          keyword: 'type',
          message: 'must be number',
          params: { type: 'number' },
        },
        {
          instancePath: '/points/4',
          keyword: 'required',
          message: "must have required property 'value'",
          params: { missingProperty: 'value' },
        },
        {
          instancePath: '/events/0',
          keyword: 'additionalProperties',
          message: 'x',
          params: { additionalProperty: 'colour' },
        },
        {
          instancePath: '/events/1/status',
          keyword: 'enum',
          params: { allowedValues: ['succeeded', 'failed'] },
        },
      ],
      '',
    );
    expect(d).toEqual([
      { index: 3, path: '/points/3/value', message: 'must be number' },
      { index: 4, path: '/points/4/value', message: 'is required' },
      { index: 0, path: '/events/0/colour', message: 'is not a known field' },
      { index: 1, path: '/events/1/status', message: 'must be one of "succeeded", "failed"' },
    ]);
  });

  it('gives one detail listing the allowed values for a union of literals', () => {
    const lit = (v: string) => ({ instancePath: '/agg', keyword: 'const', params: { allowedValue: v } });
    const d = validationDetails(
      [lit('avg'), lit('sum'), { instancePath: '/agg', keyword: 'anyOf', message: 'x', params: {} }],
      '/query',
    );
    expect(d).toEqual([{ path: '/query/agg', message: 'must be one of "avg", "sum"' }]);
  });

  it('names the root for a top-level problem and drops exact repeats', () => {
    const e = { instancePath: '', keyword: 'type', message: 'must be object', params: {} };
    expect(validationDetails([e, e])).toEqual([{ path: '/', message: 'must be object' }]);
  });
});
