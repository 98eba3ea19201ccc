// `kpilens bench nab`: runs a streaming detector causally over every NAB file, writes the score files and,
// given labels, scores them with the project's re-implementation of NAB's scorer.

import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StreamingAnomalyDetector } from '../analysis/streaming-detector';
import { listCorpus, readJson, readSeries, writeScores } from './corpus';
import {
  isWindowsJson,
  parseLabelsJson,
  parseWindowsJson,
  windowsFromLabels,
  type WindowsMs,
} from './labels';
import {
  NAB_PROFILES,
  PROFILE_NAMES,
  scoreCorpus,
  windowsToRows,
  type CostMatrix,
  type ProfileName,
  type ProfileResult,
  type ScoredFile,
} from './scoring';

/** What the runner needs from a detector: one causal update per row, a score in [0, 1]. */
export interface PointScorer {
  update(timestampMs: number, value: number): { score: number };
}

export interface NabRunOptions {
  dataDir: string;
  outDir?: string;
  /** combined_labels.json or combined_windows.json; without it nothing is scored. */
  labelsFile?: string;
  /** combined_windows.json; defaults to the one beside the labels file, else windows are rebuilt. */
  windowsFile?: string;
  /** profiles.json; defaults to NAB's three profiles. */
  profilesFile?: string;
  createDetector?: () => PointScorer;
  /** Called after each file, e.g. for progress output. */
  onFile?: (key: string, rows: number) => void;
}

export interface NabRunResult {
  files: number;
  rows: number;
  /** Detector time only (no I/O), in nanoseconds per row. */
  nsPerPoint: number;
  profiles: ProfileResult[];
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Windows for scoring: explicit windows file, else the labels file if it holds windows, else a sibling. */
async function loadWindowSource(
  labelsFile: string,
  windowsFile: string | undefined,
): Promise<{ windows?: WindowsMs; labels?: Record<string, number[]> }> {
  if (windowsFile !== undefined) return { windows: parseWindowsJson(await readJson(windowsFile)) };
  const doc = await readJson(labelsFile);
  if (isWindowsJson(doc)) return { windows: parseWindowsJson(doc) };
  const sibling = join(dirname(labelsFile), 'combined_windows.json');
  if (await exists(sibling)) return { windows: parseWindowsJson(await readJson(sibling)) };
  return { labels: parseLabelsJson(doc) };
}

export async function loadProfiles(
  profilesFile: string | undefined,
): Promise<Record<ProfileName, CostMatrix>> {
  if (profilesFile === undefined) return NAB_PROFILES;
  const doc = (await readJson(profilesFile)) as Record<string, { CostMatrix?: Partial<CostMatrix> }>;
  const out = { ...NAB_PROFILES };
  for (const name of PROFILE_NAMES) {
    const m = doc[name]?.CostMatrix;
    if (m === undefined) continue;
    const { tpWeight, fpWeight, fnWeight } = m;
    if (![tpWeight, fpWeight, fnWeight].every((w) => typeof w === 'number')) {
      throw new Error(`${profilesFile}: ${name} needs tpWeight, fpWeight and fnWeight`);
    }
    out[name] = { tpWeight, fpWeight, fnWeight } as CostMatrix;
  }
  return out;
}

export async function runNab(options: NabRunOptions): Promise<NabRunResult> {
  const createDetector = options.createDetector ?? (() => new StreamingAnomalyDetector());
  const keys = await listCorpus(options.dataDir);
  if (keys.length === 0) throw new Error(`no <category>/<file>.csv under ${options.dataDir}`);
  const source = options.labelsFile
    ? await loadWindowSource(options.labelsFile, options.windowsFile)
    : undefined;
  const scored: ScoredFile[] = [];
  let rows = 0;
  let detectorNs = 0;
  for (const key of keys) {
    const series = await readSeries(options.dataDir, key);
    const detector = createDetector();
    const scores = new Array<number>(series.values.length);
    const started = performance.now();
    for (let i = 0; i < scores.length; i++)
      scores[i] = detector.update(series.timestampsMs[i], series.values[i]).score;
    detectorNs += (performance.now() - started) * 1e6;
    rows += scores.length;
    if (options.outDir !== undefined) await writeScores(options.outDir, series, scores);
    if (source !== undefined) {
      const windowsMs =
        source.windows !== undefined
          ? source.windows[key]
          : windowsFromLabels(series.timestampsMs, source.labels?.[key] ?? []);
      if (windowsMs === undefined) throw new Error(`${key} has no entry in the windows file`);
      scored.push({ key, scores, windows: windowsToRows(series.timestampsMs, windowsMs) });
    }
    options.onFile?.(key, scores.length);
  }
  const costs = source !== undefined ? await loadProfiles(options.profilesFile) : undefined;
  const profiles = costs ? PROFILE_NAMES.map((p) => scoreCorpus(scored, p, costs[p])) : [];
  return { files: keys.length, rows, nsPerPoint: rows > 0 ? detectorNs / rows : 0, profiles };
}

/** Published NAB scoreboard (all 58 files; standard / low FP / low FN), for the printout and the docs. */
export const PUBLISHED_SCORES: readonly [string, number, number, number][] = [
  ['ARTime', 74.9, 65.1, 80.4],
  ['Numenta HTM', 70.5, 62.6, 75.2],
  ['CAD OSE', 69.9, 67.0, 73.2],
  ['earthgecko Skyline', 58.2, 46.2, 63.9],
  ['KNN CAD', 58.0, 43.4, 64.8],
  ['Relative Entropy', 54.6, 47.6, 58.8],
  ['Random Cut Forest', 51.7, 38.4, 59.7],
  ['Twitter ADVec', 47.1, 33.6, 53.5],
  ['Windowed Gaussian', 39.6, 20.9, 47.4],
  ['Etsy Skyline', 35.7, 27.1, 44.5],
  ['Random', 11.0, 1.2, 19.5],
  ['Null', 0.0, 0.0, 0.0],
];

/** Plain-text report: per-profile scores, counts and the published scoreboard beside them. */
export function formatReport(result: NabRunResult): string {
  const lines = [
    `files ${result.files}, rows ${result.rows}, detector ${result.nsPerPoint.toFixed(0)} ns/point`,
  ];
  if (result.profiles.length === 0) return lines.join('\n');
  lines.push('', 'profile             threshold  normalized   raw   TP  FN   FP rows  windows');
  for (const p of result.profiles) {
    lines.push(
      [
        p.profile.padEnd(19),
        p.threshold.toFixed(4).padStart(9),
        p.normalized.toFixed(1).padStart(11),
        p.raw.toFixed(2).padStart(7),
        String(p.tp).padStart(4),
        String(p.fn).padStart(3),
        String(p.fp).padStart(9),
        String(p.windows).padStart(8),
      ].join(' '),
    );
  }
  const byName = new Map(result.profiles.map((p) => [p.profile, p.normalized]));
  lines.push('', `${'detector'.padEnd(32)} standard  low FP  low FN`);
  const row = (name: string, s: number | undefined, fp: number | undefined, fn: number | undefined) =>
    `${name.padEnd(32)} ${[s, fp, fn].map((v) => (v === undefined ? '-' : v.toFixed(1)).padStart(8)).join('')}`;
  lines.push(
    row(
      'KPI Lens (this run)',
      byName.get('standard'),
      byName.get('reward_low_FP_rate'),
      byName.get('reward_low_FN_rate'),
    ),
  );
  for (const [name, s, fp, fn] of PUBLISHED_SCORES) lines.push(row(`${name} (published)`, s, fp, fn));
  return lines.join('\n');
}
