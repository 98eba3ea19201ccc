import type { Insight, InsightEvidence, InsightList, Severity } from '@kpilens/contract';
import { createDataFrame, FieldType, MappingType, type DataFrame, type DataLink } from '@grafana/data';
import { formatSelector } from '../query/interpolate';

export interface LinkTarget {
  datasourceUid: string;
  datasourceName: string;
}

const SEVERITY_COLORS: Record<Severity, string> = { info: 'blue', warning: 'orange', critical: 'red' };

/** The value seen against the value expected, whatever the kind of insight; null where it has none. */
export function evidenceValues(e: InsightEvidence): {
  observed: number | null;
  expected: number | null;
  score: number | null;
} {
  if (!('kind' in e)) {
    return { observed: e.observed, expected: e.expected, score: e.score };
  }
  switch (e.kind) {
    case 'peer_outlier':
      // Its own recent level against its baseline (KPI units); the peers' comparison is in `evidence`.
      return { observed: e.recentLevel, expected: e.baselineLevel, score: e.score };
    case 'trend_change':
      return { observed: e.after, expected: e.before, score: null };
    case 'target_risk':
      return { observed: e.yhat, expected: e.target, score: null };
    default:
      return { observed: null, expected: null, score: null };
  }
}

/** Opens the insight's series in Explore: a series query for its model, metric and exact dimensions. */
export function seriesLink(target: LinkTarget): DataLink {
  return {
    title: 'Open the series',
    url: '',
    internal: {
      datasourceUid: target.datasourceUid,
      datasourceName: target.datasourceName,
      query: {
        refId: 'A',
        queryType: 'series',
        model: '${__data.fields.model}',
        metric: '${__data.fields.metric}',
        selector: '${__data.fields.dimensions}',
        aggregation: 'avg',
      },
    },
  };
}

/**
 * Insights as a table that is also an annotation source: time (start), timeEnd (resolved or last seen),
 * title, text and tags (severity, model, type) are the fields Grafana's annotations read.
 */
export function insightsFrame(
  list: InsightList,
  refId: string,
  link: LinkTarget,
  severities?: string[],
): DataFrame {
  const rows = list.insights.filter((i) => !severities?.length || severities.includes(i.severity));
  const col = <T>(f: (i: Insight) => T) => rows.map(f);
  const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));
  return createDataFrame({
    refId,
    name: 'insights',
    meta: {
      preferredVisualisationType: 'table',
      ...(list.total > list.insights.length
        ? {
            notices: [
              {
                severity: 'info',
                text: `Showing the newest ${list.insights.length} of ${list.total} insights: narrow the time range or filters`,
              },
            ],
          }
        : {}),
    },
    fields: [
      {
        name: 'time',
        type: FieldType.time,
        values: col((i) => time(i.startedAt)),
        config: { displayName: 'Started' },
      },
      {
        name: 'timeEnd',
        type: FieldType.time,
        values: col((i) => time(i.resolvedAt ?? i.lastSeenAt)),
        config: { displayName: 'Resolved or last seen' },
      },
      {
        name: 'severity',
        type: FieldType.string,
        values: col((i) => i.severity),
        config: {
          displayName: 'Severity',
          mappings: [
            {
              type: MappingType.ValueToText,
              options: Object.fromEntries(
                Object.entries(SEVERITY_COLORS).map(([k, color], index) => [k, { color, index }]),
              ),
            },
          ],
        },
      },
      {
        name: 'title',
        type: FieldType.string,
        values: col((i) => i.title),
        config: { displayName: 'Title', links: [seriesLink(link)] },
      },
      {
        name: 'text',
        type: FieldType.string,
        values: col((i) => i.message),
        config: { displayName: 'Message' },
      },
      {
        name: 'tags',
        type: FieldType.other,
        values: col((i) => [i.severity, i.model, i.type]),
        config: { displayName: 'Tags' },
      },
      {
        name: 'status',
        type: FieldType.string,
        values: col((i) => i.status),
        config: { displayName: 'Status' },
      },
      {
        name: 'model',
        type: FieldType.string,
        values: col((i) => i.model),
        config: { displayName: 'Model' },
      },
      {
        name: 'metric',
        type: FieldType.string,
        values: col((i) => i.series.metric),
        config: { displayName: 'Metric' },
      },
      {
        name: 'dimensions',
        type: FieldType.string,
        values: col((i) => formatSelector(i.series.dimensions)),
        config: { displayName: 'Dimensions' },
      },
      {
        name: 'observed',
        type: FieldType.number,
        values: col((i) => evidenceValues(i.evidence).observed),
        config: { displayName: 'Observed' },
      },
      {
        name: 'expected',
        type: FieldType.number,
        values: col((i) => evidenceValues(i.evidence).expected),
        config: { displayName: 'Expected' },
      },
      {
        name: 'score',
        type: FieldType.number,
        values: col((i) => evidenceValues(i.evidence).score),
        config: { displayName: 'Anomaly score', unit: 'percentunit', min: 0, max: 1, decimals: 0 },
      },
      { name: 'type', type: FieldType.string, values: col((i) => i.type), config: { displayName: 'Type' } },
      {
        name: 'evidence',
        type: FieldType.other,
        values: col((i) => i.evidence),
        config: { displayName: 'Evidence', custom: { hidden: true } },
      },
      { name: 'id', type: FieldType.number, values: col((i) => i.id), config: { displayName: 'Insight' } },
      {
        name: 'seriesId',
        type: FieldType.number,
        values: col((i) => i.series.id),
        config: { displayName: 'Series', custom: { hidden: true } },
      },
    ],
  });
}
