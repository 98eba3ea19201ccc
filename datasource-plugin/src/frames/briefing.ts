import type { Briefing } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

/** The weekly briefing: its Markdown text in one row, the whole briefing (key numbers...) in meta.custom. */
export function briefingFrame(briefing: Briefing, refId: string): DataFrame {
  return createDataFrame({
    refId,
    name: 'briefing',
    meta: { preferredVisualisationType: 'table', custom: { briefing } },
    fields: [
      {
        name: 'weekStart',
        type: FieldType.time,
        values: [Date.parse(briefing.weekStart)],
        config: { displayName: 'Week of' },
      },
      {
        name: 'weekEnd',
        type: FieldType.time,
        values: [Date.parse(briefing.weekEnd)],
        config: { displayName: 'Week end' },
      },
      { name: 'text', type: FieldType.string, values: [briefing.text], config: { displayName: 'Briefing' } },
      {
        name: 'language',
        type: FieldType.string,
        values: [briefing.language],
        config: { displayName: 'Language' },
      },
    ],
  });
}
