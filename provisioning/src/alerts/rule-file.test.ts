import { parseRuleFile, ruleExpr, RuleFileError, ruleFileGroups, toAlertDefinition } from './rule-file';
import { conditionExpr, prometheusRule } from './definition';

const rule = {
  id: 'meta-ctr-low',
  modelName: 'marketing',
  metricName: 'ctr',
  threshold: 0.9,
  comparison: 'lt',
  severity: 'warning',
  message: 'Meta CTR low',
  metadata: { timeWindow: '3h', aggregation: 'avg', debounceMinutes: 30, dimensions: { platform: 'meta' } },
};

function problems(value: unknown): Array<{ path: string; message: string }> {
  try {
    parseRuleFile(JSON.stringify(value));
  } catch (err) {
    expect(err).toBeInstanceOf(RuleFileError);
    return (err as RuleFileError).problems;
  }
  throw new Error('accepted');
}

describe('alert rule files (alertRules.json shape)', () => {
  it('turns a rule into the PromQL of its window, aggregation, dimensions and comparison', () => {
    const [r] = parseRuleFile(JSON.stringify([rule]));
    expect(ruleExpr(r)).toBe('avg_over_time(kpi_value{model="marketing",metric="ctr",platform="meta"}[3h])');
    const a = toAlertDefinition(r);
    expect(conditionExpr(a)).toBe(
      '(avg_over_time(kpi_value{model="marketing",metric="ctr",platform="meta"}[3h])) < 0.9',
    );
    expect(a).toMatchObject({
      for: '30m',
      severity: 'warning',
      team: 'marketing',
      rangeSeconds: 3 * 3600 + 60,
    });
    expect(prometheusRule(a)).toMatchObject({
      alert: 'MarketingCtrMetaCtrLow',
      labels: { severity: 'warning' },
    });
  });

  it('names dimensions as kpi_value labels, reads p95 as a quantile and "" as an absent dimension', () => {
    const [r] = parseRuleFile(
      JSON.stringify([
        {
          ...rule,
          metadata: { ...rule.metadata, aggregation: 'p95', dimensions: { campaignId: 'c1', source: '' } },
        },
      ]),
    );
    expect(ruleExpr(r)).toBe(
      'quantile_over_time(0.95, kpi_value{model="marketing",metric="ctr",campaign_id="c1",source=""}[3h])',
    );
  });

  it("links a rule to the panel drawing its model's series with the anomaly band, when one exists", () => {
    const band = (model: string) => ({ queryType: 'anomalyBand', model, metric: '$metric' });
    const boards = [
      { uid: 'exec', title: 'Executive', panels: [{ id: 1, type: 'stat', title: 'Revenue', targets: [] }] },
      {
        uid: 'ops-marketing',
        title: 'Marketing',
        panels: [
          {
            id: 3,
            type: 'timeseries',
            title: 'Forecast',
            targets: [{ queryType: 'forecast', model: 'marketing' }],
          },
          { id: 2, type: 'timeseries', title: 'Onboarding band', targets: [band('onboarding')] },
          { id: 7, type: 'timeseries', title: 'Band', targets: [band('marketing')] },
        ],
      },
    ];
    const [r] = parseRuleFile(JSON.stringify([rule]));
    expect(toAlertDefinition(r, boards)).toMatchObject({ dashboardUid: 'ops-marketing', panelId: 7 });
    const other = toAlertDefinition({ ...r, modelName: 'custom' }, boards);
    expect(other.dashboardUid).toBeUndefined();
    expect(other.panelId).toBeUndefined();
  });

  it('groups rules by KPI model', () => {
    const rules = parseRuleFile(
      JSON.stringify([rule, { ...rule, id: 'b', modelName: 'revenue' }, { ...rule, id: 'c' }]),
    );
    expect(ruleFileGroups(rules).map((g) => [g.name, g.alerts.length])).toEqual([
      ['kpilens-rules-marketing', 2],
      ['kpilens-rules-revenue', 1],
    ]);
  });

  it('rejects bad input with the field path and what was expected', () => {
    expect(problems([{ ...rule, comparison: 'bigger' }])).toEqual([
      { path: '/0/comparison', message: 'expected one of "gt", "gte", "lt", "lte", "eq", "ne"' },
    ]);
    expect(problems([{ ...rule, metadata: { ...rule.metadata, timeWindow: '3 hours' } }])).toEqual([
      { path: '/0/metadata/timeWindow', message: 'expected a duration such as 15m, 1h or 1d' },
    ]);
    expect(problems([rule, { ...rule, threshold: '1' }])[0]).toMatchObject({
      path: '/1/threshold',
      message: 'Expected number',
    });
    const { metricName: _m, ...noMetric } = rule;
    expect(problems([noMetric])[0].path).toBe('/0/metricName');
    expect(problems([rule, rule])).toEqual([
      { path: '/1/id', message: 'duplicate id "meta-ctr-low" (first at /0/id)' },
    ]);
    expect(problems([])[0].message).toMatch(/1/);
    expect(problems([{ ...rule, extra: 1 }])[0].path).toBe('/0/extra');
    // the id becomes a Grafana rule uid (40 characters at most with its prefix)
    expect(problems([{ ...rule, id: 'x'.repeat(28) }])[0].path).toBe('/0/id');
    expect(() => parseRuleFile('{nope')).toThrow(/not JSON/);
  });
});
