import { FieldType, getFieldDisplayName, type DataFrame } from '@grafana/data';
import type { SortBy } from './types';

/** One row of the panel: a numeric series reduced to what a KPI reader looks at first. */
export interface KpiSummary {
  name: string;
  last: number;
  /** Relative change from the first to the last value of the range; null when it has no meaning. */
  change: number | null;
  unit?: string;
}

function finiteValues(values: readonly unknown[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** Every number field of every frame, in frame order; series without a finite value are left out. */
export function summarizeFrames(frames: DataFrame[]): KpiSummary[] {
  const rows: KpiSummary[] = [];
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const values = finiteValues(field.values);
      if (values.length === 0) {
        continue;
      }
      const first = values[0];
      const last = values[values.length - 1];
      rows.push({
        name: getFieldDisplayName(field, frame, frames),
        last,
        // From zero any change is infinite, and a single point has nothing to compare with.
        change: values.length > 1 && first !== 0 ? (last - first) / Math.abs(first) : null,
        unit: field.config.unit,
      });
    }
  }
  return rows;
}

export function sortSummaries(rows: KpiSummary[], by: SortBy): KpiSummary[] {
  const sorted = [...rows];
  if (by === 'value') {
    sorted.sort((a, b) => b.last - a.last || a.name.localeCompare(b.name));
  } else {
    sorted.sort((a, b) => a.name.localeCompare(b.name));
  }
  return sorted;
}
