import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A file or folder of the project's shared data sets (`shared/data/...`, kept beside the repository, never
 * in it): from `envVar` when set, else the first `shared/` found walking up from here, else the workplace's
 * own copy, so a clone anywhere on a project machine finds it.
 */
export function sharedDataPath(relative: string, envVar: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) return fromEnv;
  const tried: string[] = [];
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const p = join(dir, 'shared', 'data', relative);
    tried.push(p);
    if (existsSync(p)) return p;
  }
  const workplace = join('/work/shared/data', relative);
  tried.push(workplace);
  if (existsSync(workplace)) return workplace;
  throw new Error(`shared data ${relative} not found; set ${envVar} (tried ${tried.join(', ')})`);
}
