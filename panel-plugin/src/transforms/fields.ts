import type { DataFrame } from '@grafana/data';

/** Reads a frame's columns by field name (the names the KPI Lens datasource gives them). */
export interface FrameReader {
  length: number;
  has(name: string): boolean;
  value<T = unknown>(name: string, row: number): T | undefined;
}

export function frameReader(frame: DataFrame): FrameReader {
  const byName = new Map(frame.fields.map((field) => [field.name, field]));
  return {
    length: frame.length ?? frame.fields[0]?.values.length ?? 0,
    has: (name) => byName.has(name),
    value: <T>(name: string, row: number) => byName.get(name)?.values[row] as T | undefined,
  };
}

/** Frames of one kind: by frame name, else any frame carrying every required field. */
export function framesOf(frames: DataFrame[], name: string, required: string[]): DataFrame[] {
  return frames.filter(
    (frame) => frame.name === name || required.every((r) => frame.fields.some((f) => f.name === r)),
  );
}

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
/** A time field value (epoch ms; ISO strings accepted) or null. */
export const time = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v;
  }
  if (typeof v === 'string' && v !== '') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
};
