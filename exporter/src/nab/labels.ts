// Turns NAB label files into per-file windows of timestamps. NAB ships combined_windows.json (file ->
// [[start, end], ...]) built from combined_labels.json (file -> [centre, ...]); when only labels are at
// hand the windows are rebuilt as NAB's labeller does: 10% of the file's rows shared among its labels,
// centred on each label, clipped to the file and merged where they overlap. Pure.

import { parseNabTimestamp } from './timestamps';

export type WindowsMs = Record<string, [number, number][]>;

/** Parses a combined_windows.json document; throws on anything that is not file -> list of [start, end]. */
export function parseWindowsJson(doc: unknown): WindowsMs {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('windows: not an object');
  const out: WindowsMs = {};
  for (const [file, list] of Object.entries(doc as Record<string, unknown>)) {
    if (!Array.isArray(list)) throw new Error(`windows of ${file}: not a list`);
    out[file] = list.map((pair: unknown) => {
      if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((p) => typeof p === 'string')) {
        throw new Error(`windows of ${file}: expected [start, end] strings`);
      }
      return [parseNabTimestamp(pair[0]), parseNabTimestamp(pair[1])];
    });
  }
  return out;
}

/** Parses a combined_labels.json document: file -> list of label timestamps. */
export function parseLabelsJson(doc: unknown): Record<string, number[]> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('labels: not an object');
  const out: Record<string, number[]> = {};
  for (const [file, list] of Object.entries(doc as Record<string, unknown>)) {
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) {
      throw new Error(`labels of ${file}: expected a list of timestamps`);
    }
    out[file] = list.map((t: string) => parseNabTimestamp(t));
  }
  return out;
}

/** True when a JSON document looks like a windows file (lists of pairs) rather than a labels file. */
export function isWindowsJson(doc: unknown): boolean {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  return Object.values(doc as Record<string, unknown>).some(
    (list) => Array.isArray(list) && list.length > 0 && Array.isArray(list[0]),
  );
}

/** NAB's default window: 10% of the file length, shared among the file's labels. */
export const NAB_WINDOW_FRACTION = 0.1;

/** Rebuilds one file's windows (as timestamps) from its label timestamps, the way NAB's labeller does. */
export function windowsFromLabels(
  timestampsMs: readonly number[],
  labelsMs: readonly number[],
  fraction = NAB_WINDOW_FRACTION,
): [number, number][] {
  if (labelsMs.length === 0) return [];
  const half = Math.floor((fraction * timestampsMs.length) / labelsMs.length / 2);
  const ranges: [number, number][] = [];
  for (const label of [...labelsMs].sort((a, b) => a - b)) {
    const centre = timestampsMs.indexOf(label);
    if (centre < 0) throw new Error(`label ${new Date(label).toISOString()} matches no row`);
    const start = Math.max(0, centre - half);
    const end = Math.min(timestampsMs.length - 1, centre + half);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges.map(([s, e]) => [timestampsMs[s], timestampsMs[e]]);
}
