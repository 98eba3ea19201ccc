import { DashboardVariables } from '../testing/template-srv';
import {
  expandDimensions,
  formatSelector,
  interpolateQuery,
  interpolateValues,
  interpolateVariableQuery,
  MAX_COMBINATIONS,
  parseSelector,
} from './interpolate';

const vars = new DashboardVariables({
  model: 'marketing',
  metric: 'ctr',
  platform: ['instagram', 'tiktok'],
  campaign: 'camp_1',
  severity: ['warning', 'critical'],
  level: 'RISKY',
  status: 'pending',
  lang: 'fr',
  key: 'platform',
  agg: 'p95',
});
const replace = vars.replace.bind(vars);

describe('interpolateQuery', () => {
  it('replaces variables in every field, keeping every value of multi-value variables', () => {
    const q = interpolateQuery(
      {
        refId: 'A',
        queryType: 'series',
        model: '$model',
        metric: '${metric}',
        dimensions: [
          { key: '$key', value: '$platform' },
          { key: 'campaignId', value: '${campaign}' },
        ],
        selector: 'region=eu',
        interval: '$__interval',
        aggregation: '$agg' as never,
        severities: ['$severity', 'info'],
        riskLevels: ['$level'],
        insightStatus: 'active',
        recommendationStatus: '$status' as never,
        language: '$lang' as never,
      },
      { __interval: { text: '1h', value: '1h' } },
      replace,
    );
    expect(q.model).toBe('marketing');
    expect(q.metric).toBe('ctr');
    expect(q.interval).toBe('1h');
    expect(q.aggregation).toBe('p95');
    expect(q.severities).toEqual(['warning', 'critical', 'info']);
    expect(q.riskLevels).toEqual(['RISKY']);
    expect(q.recommendationStatus).toBe('pending');
    expect(q.language).toBe('fr');
    expect(q.selector).toBeUndefined();
    expect(expandDimensions(q.dimensions)).toEqual([
      { platform: 'instagram', campaignId: 'camp_1', region: 'eu' },
      { platform: 'tiktok', campaignId: 'camp_1', region: 'eu' },
    ]);
  });

  it('drops filters left empty and keeps unknown variables visible', () => {
    const q = interpolateQuery(
      {
        refId: 'A',
        model: '$nope',
        dimensions: [
          { key: '', value: 'x' },
          { key: 'a', value: '' },
        ],
      },
      {},
      replace,
    );
    expect(q.model).toBe('$nope');
    expect(q.dimensions).toEqual([]);
    expect(expandDimensions(q.dimensions)).toEqual([{}]);
  });

  it('reads an empty value written in the selector as "without this dimension"', () => {
    const vars2 = new DashboardVariables({ none: '', platform: ['meta', 'google'] });
    const q = interpolateQuery(
      {
        refId: 'A',
        dimensions: [
          { key: 'currency', value: 'EUR' },
          { key: 'unfinished', value: '' },
        ],
        selector: 'method=, plan, region=$none, platform=$platform',
      },
      {},
      vars2.replace.bind(vars2),
    );
    // the editor row without a value and the variable that came out empty are left out; a multi-value
    // variable in the selector is one filter with each of its values
    expect(expandDimensions(q.dimensions)).toEqual([
      { currency: 'EUR', method: '', plan: '', platform: 'meta' },
      { currency: 'EUR', method: '', plan: '', platform: 'google' },
    ]);
  });

  it('refuses filters that stand for too many requests', () => {
    const many = new DashboardVariables({
      a: Array.from({ length: 5 }, (_, i) => `a${i}`),
      b: Array.from({ length: 5 }, (_, i) => `b${i}`),
    });
    const q = interpolateQuery(
      {
        refId: 'A',
        dimensions: [
          { key: 'x', value: '$a' },
          { key: 'y', value: '$b' },
        ],
      },
      {},
      many.replace.bind(many),
    );
    expect(() => expandDimensions(q.dimensions)).toThrow(`more than ${MAX_COMBINATIONS} combinations`);
  });
});

describe('selectors', () => {
  it('parses and formats `key=value` lists', () => {
    expect(parseSelector(' platform=instagram, campaignId = c=1 ,, lonely')).toEqual([
      { key: 'platform', value: 'instagram' },
      { key: 'campaignId', value: 'c=1' },
      { key: 'lonely', value: '' },
    ]);
    expect(formatSelector({ platform: 'instagram', campaignId: 'c1' })).toBe(
      'platform=instagram, campaignId=c1',
    );
    expect(parseSelector(formatSelector({ a: '1', b: '2' }))).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });
});

describe('interpolateValues and variable queries', () => {
  it('splits multi-value variables and drops empty results', () => {
    expect(interpolateValues('$platform', {}, replace)).toEqual(['instagram', 'tiktok']);
    expect(interpolateValues('', {}, replace)).toEqual([]);
  });
  it('interpolates model, metric and key of a variable query', () => {
    expect(
      interpolateVariableQuery(
        { refId: 'V', type: 'dimensionValues', model: '$model', metric: '', dimensionKey: '$key' },
        replace,
      ),
    ).toEqual({
      refId: 'V',
      type: 'dimensionValues',
      model: 'marketing',
      metric: undefined,
      dimensionKey: 'platform',
    });
  });
});
