import type { Recommendation, RecommendationList } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

/** The recommendations inbox as a table; the panel acts on rows by `id` through the datasource's methods. */
export function recommendationsFrame(list: RecommendationList, refId: string): DataFrame {
  const rows = list.recommendations;
  const col = <T>(f: (r: Recommendation) => T) => rows.map(f);
  const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));
  const text = (name: string, displayName: string, f: (r: Recommendation) => string | null) => ({
    name,
    type: FieldType.string,
    values: col(f),
    config: { displayName },
  });
  return createDataFrame({
    refId,
    name: 'recommendations',
    meta: { preferredVisualisationType: 'table', custom: { total: list.total } },
    fields: [
      { name: 'id', type: FieldType.number, values: col((r) => r.id), config: { displayName: 'Id' } },
      text('priority', 'Priority', (r) => r.priority),
      text('status', 'Status', (r) => r.status),
      text('model', 'Model', (r) => r.model),
      text('kind', 'Kind', (r) => r.kind),
      text('target', 'Target', (r) => r.target),
      text('action', 'Action', (r) => r.action),
      text('rationale', 'Rationale', (r) => r.rationale),
      text('expectedImpact', 'Expected impact', (r) => r.expectedImpact),
      {
        name: 'score',
        type: FieldType.number,
        values: col((r) => r.score),
        config: { displayName: 'Score' },
      },
      {
        name: 'auditScore',
        type: FieldType.number,
        values: col((r) => r.auditScore),
        config: { displayName: 'Audit score', min: 0, max: 100 },
      },
      {
        name: 'findings',
        type: FieldType.other,
        values: col((r) => r.findings),
        config: { displayName: 'Audit findings' },
      },
      {
        name: 'insightIds',
        type: FieldType.other,
        values: col((r) => r.insightIds),
        config: { displayName: 'Insights' },
      },
      {
        name: 'createdAt',
        type: FieldType.time,
        values: col((r) => time(r.createdAt)),
        config: { displayName: 'Created' },
      },
      {
        name: 'statusChangedAt',
        type: FieldType.time,
        values: col((r) => time(r.statusChangedAt)),
        config: { displayName: 'Status changed' },
      },
      text('statusChangedBy', 'Changed by', (r) => r.statusChangedBy),
      text('dismissReason', 'Dismiss reason', (r) => r.dismissReason),
      {
        name: 'snoozedUntil',
        type: FieldType.time,
        values: col((r) => time(r.snoozedUntil)),
        config: { displayName: 'Snoozed until' },
      },
    ],
  });
}
