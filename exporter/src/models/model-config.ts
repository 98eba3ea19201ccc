import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelConfig } from '@kpilens/contract';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from '../config';

/**
 * Checks one model file's content: the schema (ModelConfig in the contract), then what a schema cannot
 * say. Returns the problems as "field path: what is wrong" (empty when the model is valid).
 */
export function modelConfigProblems(data: unknown): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(ModelConfig, data)) {
    const path = e.path || '/';
    // TypeBox reports a union member's failures next to the union's own one: the first per path is enough.
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push(`${path}: ${e.message}${e.value === undefined ? '' : ` (got ${JSON.stringify(e.value)})`}`);
  }
  if (problems.length > 0) return problems;
  const m = data as ModelConfig;
  const metrics = new Map<string, number>();
  m.kpis.forEach((k, i) => {
    if (metrics.has(k.metric))
      problems.push(`/kpis/${i}/metric: "${k.metric}" is already declared at /kpis/${metrics.get(k.metric)}`);
    metrics.set(k.metric, i);
    if (k.target && !k.goodDirection)
      problems.push(
        `/kpis/${i}/target: a target needs goodDirection ("up": stay at least at the target, "down": at most)`,
      );
    if (k.derived && (k.derived.numerator === k.metric || k.derived.denominator === k.metric))
      problems.push(`/kpis/${i}/derived: a derived KPI cannot be computed from itself`);
  });
  return problems;
}

/**
 * The model files of a directory: every `*.json` file (sorted by name) holds one model. Any problem stops
 * the start with the file and the field path named.
 */
export function loadModelConfigs(dir: string): ModelConfig[] {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new ConfigError(`KPILENS_MODELS_DIR: cannot read directory ${dir}: ${(err as Error).message}`);
  }
  const out: ModelConfig[] = [];
  const names = new Map<string, string>();
  for (const f of files) {
    const path = join(dir, f);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new ConfigError(`KPILENS_MODELS_DIR: ${path}: not valid JSON: ${(err as Error).message}`);
    }
    const problems = modelConfigProblems(data);
    if (problems.length > 0)
      throw new ConfigError(`KPILENS_MODELS_DIR: ${path}: invalid KPI model:\n  ${problems.join('\n  ')}`);
    const m = data as ModelConfig;
    const other = names.get(m.name);
    if (other)
      throw new ConfigError(
        `KPILENS_MODELS_DIR: ${path}: /name: model "${m.name}" is also defined by ${other}`,
      );
    names.set(m.name, path);
    out.push(m);
  }
  return out;
}
