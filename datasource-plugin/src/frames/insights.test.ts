import type { Insight, InsightList } from '@kpilens/contract';
import { FieldType } from '@grafana/data';
import { insightAnnotations } from './annotations';
import { evidenceValues, insightsFrame } from './insights';

function insight(id: number, severity: Insight['severity'], resolvedAt: string | null): Insight {
  return {
    id,
    model: 'marketing',
    type: 'anomaly',
    severity,
    status: resolvedAt ? 'resolved' : 'open',
    title: `ctr below its expected range (${id})`,
    message: 'Click-through rate: 1.2 % where 2.5 % was expected',
    evidence: {
      direction: 'down',
      score: 0.93,
      observed: 1.2,
      expected: 2.5,
      lower: 2,
      upper: 3,
      deviation: -6,
      peakAt: '2026-03-01T03:00:00.000Z',
    },
    series: { id: 40 + id, metric: 'ctr', dimensions: { platform: 'instagram', campaignId: 'c1' } },
    startedAt: '2026-03-01T01:00:00.000Z',
    lastSeenAt: '2026-03-01T05:00:00.000Z',
    resolvedAt,
  };
}

const list: InsightList = {
  insights: [insight(1, 'critical', null), insight(2, 'info', '2026-03-01T07:00:00.000Z')],
  total: 5,
  limit: 2,
  offset: 0,
};
const target = { datasourceUid: 'kpl', datasourceName: 'KPI Lens' };

describe('insightsFrame', () => {
  it('is a table with the fields annotations read and a link to each series', () => {
    const frame = insightsFrame(list, 'I', target);
    const field = (name: string) => frame.fields.find((f) => f.name === name)!;
    expect(frame.length).toBe(2);
    expect(field('time').type).toBe(FieldType.time);
    expect(field('time').values).toEqual([
      Date.parse('2026-03-01T01:00:00Z'),
      Date.parse('2026-03-01T01:00:00Z'),
    ]);
    expect(field('timeEnd').values).toEqual([
      Date.parse('2026-03-01T05:00:00Z'),
      Date.parse('2026-03-01T07:00:00Z'),
    ]);
    expect(field('tags').values[0]).toEqual(['critical', 'marketing', 'anomaly']);
    expect(field('dimensions').values[0]).toBe('platform=instagram, campaignId=c1');
    expect(field('score').config.unit).toBe('percentunit');
    const [link] = field('title').config.links!;
    expect(link.internal).toEqual({
      ...target,
      query: {
        refId: 'A',
        queryType: 'series',
        model: '${__data.fields.model}',
        metric: '${__data.fields.metric}',
        selector: '${__data.fields.dimensions}',
        aggregation: 'avg',
      },
    });
    expect(frame.meta?.notices?.[0].text).toContain('newest 2 of 5');
  });

  it('filters several severities itself', () => {
    expect(insightsFrame(list, 'I', target, ['critical', 'warning']).length).toBe(1);
    expect(insightsFrame(list, 'I', target, []).length).toBe(2);
  });
});

describe('insightAnnotations', () => {
  it('turns insights into regions with title, text, severity tags and colour', () => {
    const events = insightAnnotations([insightsFrame(list, 'I', target)]);
    expect(events).toEqual([
      expect.objectContaining({
        id: '1',
        time: Date.parse('2026-03-01T01:00:00Z'),
        timeEnd: Date.parse('2026-03-01T05:00:00Z'),
        isRegion: true,
        title: 'ctr below its expected range (1)',
        text: 'Click-through rate: 1.2 % where 2.5 % was expected',
        tags: ['critical', 'marketing', 'anomaly'],
        color: '#F2495C',
      }),
      expect.objectContaining({ id: '2', tags: ['info', 'marketing', 'anomaly'] }),
    ]);
  });
});

describe('evidenceValues', () => {
  it('reads observed and expected from every kind of evidence', () => {
    expect(evidenceValues(insight(1, 'info', null).evidence)).toEqual({
      observed: 1.2,
      expected: 2.5,
      score: 0.93,
    });
    const period = { from: '', to: '' };
    expect(
      evidenceValues({
        kind: 'peer_outlier',
        direction: 'up',
        peerDimension: 'platform',
        value: 1.5,
        peerMedian: 1,
        recentLevel: 6,
        baselineLevel: 4,
        peers: 4,
        deviation: 3,
        score: 0.7,
        ...period,
      }),
    ).toEqual({ observed: 6, expected: 4, score: 0.7 });
    expect(
      evidenceValues({
        kind: 'trend_change',
        change: 'trend',
        direction: 'down',
        before: 10,
        after: 7,
        relativeChange: -0.3,
        pValue: 0.01,
      }),
    ).toEqual({ observed: 7, expected: 10, score: null });
    expect(
      evidenceValues({
        kind: 'target_risk',
        target: 100,
        comparison: 'at_least',
        horizonDays: 30,
        missAt: '',
        yhat: 90,
        lower: 80,
        upper: 95,
      }),
    ).toEqual({ observed: 90, expected: 100, score: null });
  });
});
