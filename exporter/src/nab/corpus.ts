// File access for the NAB benchmark: finding DIR/<category>/<file>.csv, reading `timestamp,value` rows and
// writing `timestamp,value,anomaly_score` rows in the same order.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseNabTimestamp } from './timestamps';

export interface NabSeries {
  /** "<category>/<file>.csv", the key NAB's label files use. */
  key: string;
  /** Timestamp and value exactly as written, so the output repeats them verbatim. */
  timestampText: string[];
  valueText: string[];
  timestampsMs: number[];
  values: number[];
}

/** Keys of every DIR/<category>/<file>.csv, sorted so runs are reproducible. */
export async function listCorpus(dataDir: string): Promise<string[]> {
  const keys: string[] = [];
  for (const category of await readdir(dataDir, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const file of await readdir(join(dataDir, category.name), { withFileTypes: true })) {
      if (file.isFile() && file.name.endsWith('.csv')) keys.push(`${category.name}/${file.name}`);
    }
  }
  return keys.sort();
}

export async function readSeries(dataDir: string, key: string): Promise<NabSeries> {
  const rows: string[][] = parse(await readFile(join(dataDir, key), 'utf8'), {
    skip_empty_lines: true,
    trim: true,
  });
  const [header, ...body] = rows;
  if (header === undefined || header[0] !== 'timestamp' || header[1] !== 'value') {
    throw new Error(`${key}: expected the header timestamp,value`);
  }
  const series: NabSeries = { key, timestampText: [], valueText: [], timestampsMs: [], values: [] };
  body.forEach(([timestamp, value], i) => {
    const v = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(v))
      throw new Error(`${key}: row ${i + 2} value`);
    series.timestampText.push(timestamp);
    series.valueText.push(value);
    series.timestampsMs.push(parseNabTimestamp(timestamp));
    series.values.push(v);
  });
  return series;
}

export async function writeScores(
  outDir: string,
  series: NabSeries,
  scores: readonly number[],
): Promise<void> {
  const path = join(outDir, series.key);
  await mkdir(dirname(path), { recursive: true });
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < scores.length; i++) {
    lines.push(`${series.timestampText[i]},${series.valueText[i]},${scores[i]}`);
  }
  await writeFile(path, lines.join('\n') + '\n');
}

export async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}
