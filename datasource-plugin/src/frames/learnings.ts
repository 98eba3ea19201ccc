import type { Learning, LearningList } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { seriesDisplayName } from './units';

/** Cross-model learnings as a table: which KPI leads which, by how many days, how strongly. */
export function learningsFrame(list: LearningList, refId: string, model?: string): DataFrame {
  const rows = list.learnings.filter((l) => !model || l.leader.model === model || l.follower.model === model);
  const col = <T>(f: (l: Learning) => T) => rows.map(f);
  const ref = (s: Learning['leader']) => `${s.model}: ${seriesDisplayName(s.metric, s.dimensions)}`;
  return createDataFrame({
    refId,
    name: 'learnings',
    meta: {
      preferredVisualisationType: 'table',
      ...(list.truncated
        ? { notices: [{ severity: 'warning', text: `The ${rows.length} strongest learnings are shown` }] }
        : {}),
    },
    fields: [
      {
        name: 'leader',
        type: FieldType.string,
        values: col((l) => ref(l.leader)),
        config: { displayName: 'Leading KPI' },
      },
      {
        name: 'follower',
        type: FieldType.string,
        values: col((l) => ref(l.follower)),
        config: { displayName: 'Following KPI' },
      },
      {
        name: 'lagDays',
        type: FieldType.number,
        values: col((l) => l.lagDays),
        config: { displayName: 'Lead', unit: 'd' },
      },
      {
        name: 'correlation',
        type: FieldType.number,
        values: col((l) => l.correlation),
        config: { displayName: 'Correlation', min: -1, max: 1, decimals: 2 },
      },
      {
        name: 'pValue',
        type: FieldType.number,
        values: col((l) => l.pValue),
        config: { displayName: 'p-value', unit: 'sci' },
      },
      { name: 'n', type: FieldType.number, values: col((l) => l.n), config: { displayName: 'Paired days' } },
      {
        name: 'discoveredAt',
        type: FieldType.time,
        values: col((l) => Date.parse(l.discoveredAt)),
        config: { displayName: 'Discovered' },
      },
      {
        name: 'lastConfirmedAt',
        type: FieldType.time,
        values: col((l) => Date.parse(l.lastConfirmedAt)),
        config: { displayName: 'Last confirmed' },
      },
      { name: 'id', type: FieldType.number, values: col((l) => l.id), config: { displayName: 'Id' } },
    ],
  });
}
