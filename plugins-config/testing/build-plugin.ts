import { spawnSync } from 'child_process';
import fs from 'fs';
import { createRequire } from 'module';
import path from 'path';

export interface BuildResult {
  /** false when dist/ was newer than every input and was reused. */
  built: boolean;
  ms: number;
}

const SHARED_CONFIG_DIR = path.resolve(__dirname, '..');
// Tests and screenshot scenes do not change the bundle; editing one must not cost a rebuild.
const TEST_FILE = /\.(test|spec|scene)\.[jt]sx?$/;

function newestMtimeMs(target: string): number {
  if (!fs.existsSync(target)) {
    return 0;
  }
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) {
    return TEST_FILE.test(target) ? 0 : stat.mtimeMs;
  }
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .reduce((newest, entry) => Math.max(newest, newestMtimeMs(path.join(target, entry.name))), 0);
}

/**
 * Sources of the workspace packages the plugin depends on (symlinked, so webpack bundles their sources):
 * `@kpilens/contract`, and for the app `@kpilens/panel-plugin`, whose components it shows. Their `src/` and
 * package.json, not their own build output (the panel's dist/ changes without changing the app).
 */
function workspaceDependencyInputs(pluginDir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8'));
  const resolveFrom = createRequire(path.join(pluginDir, 'package.json'));
  return Object.keys(pkg.dependencies ?? {})
    .map((name) => fs.realpathSync(path.dirname(resolveFrom.resolve(`${name}/package.json`))))
    .filter((dir) => !dir.split(path.sep).includes('node_modules'))
    .flatMap((dir) =>
      fs.existsSync(path.join(dir, 'src')) ? [path.join(dir, 'src'), path.join(dir, 'package.json')] : [dir],
    );
}

/** The files a production build of the plugin reads, apart from installed packages. */
export function buildInputs(pluginDir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8'));
  // Files the plugin's webpack config copies into dist/ from outside (the app's included dashboards).
  const copied: string | undefined = pkg.kpilens?.includedDashboards;
  return [
    ...(copied ? [path.resolve(pluginDir, copied)] : []),
    path.join(pluginDir, 'src'),
    path.join(pluginDir, 'package.json'),
    path.join(pluginDir, 'webpack.config.ts'),
    path.join(pluginDir, 'tsconfig.json'),
    path.join(SHARED_CONFIG_DIR, 'webpack'),
    path.join(SHARED_CONFIG_DIR, 'bundler'),
    path.join(SHARED_CONFIG_DIR, 'tsconfig.json'),
    ...workspaceDependencyInputs(pluginDir),
  ];
}

export function isBuildStale(pluginDir: string): boolean {
  const output = path.join(pluginDir, 'dist', 'module.js');
  if (!fs.existsSync(output)) {
    return true;
  }
  // `npm run dev` writes a development build to the same dist/: not what Grafana users get.
  const pluginJson = path.join(pluginDir, 'dist', 'plugin.json');
  if (
    !fs.existsSync(pluginJson) ||
    JSON.parse(fs.readFileSync(pluginJson, 'utf8')).buildMode !== 'production'
  ) {
    return true;
  }
  const builtAt = fs.statSync(output).mtimeMs;
  return buildInputs(pluginDir).some((input) => newestMtimeMs(input) > builtAt);
}

/**
 * Runs the plugin's own `npm run build` (the production webpack build) unless dist/ is newer than its
 * inputs, so a suite can load the real bundle without rebuilding it on every run.
 */
export function ensurePluginBuilt(pluginDir: string): BuildResult {
  const started = Date.now();
  if (!isBuildStale(pluginDir)) {
    return { built: false, ms: Date.now() - started };
  }
  // The build must be the one CI ships, not one shaped by the test runner's environment.
  const env = { ...process.env };
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  const run = spawnSync('npm', ['run', 'build', '--silent'], { cwd: pluginDir, env, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(
      `npm run build failed in ${pluginDir} (exit ${run.status}):\n${run.stdout}\n${run.stderr}`,
    );
  }
  return { built: true, ms: Date.now() - started };
}
