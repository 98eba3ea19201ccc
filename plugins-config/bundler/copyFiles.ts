import type { PluginPaths } from './constants.ts';
import { getPluginJson, hasReadme } from './utils.ts';

/** Static files Grafana reads from dist/ next to module.js (paths relative to src/, the webpack context). */
export function copyFilePatterns(paths: PluginPaths) {
  const pluginJson = getPluginJson(paths);
  const logoPaths: string[] = Array.from(
    new Set<string>([pluginJson.info?.logos?.large, pluginJson.info?.logos?.small]),
  ).filter(Boolean);
  const screenshotPaths: string[] = pluginJson.info?.screenshots?.map((s: { path: string }) => s.path) || [];

  return [
    // src/README.md is the plugin's catalog page; otherwise the plugin folder's README.
    { from: hasReadme(paths) ? 'README.md' : '../README.md', to: '.', force: true },
    { from: 'plugin.json', to: '.' },
    // The monorepo keeps one LICENSE/CHANGELOG at its root: copied when a plugin has its own.
    { from: '../LICENSE', to: '.', noErrorOnMissing: true },
    { from: '../CHANGELOG.md', to: '.', force: true, noErrorOnMissing: true },
    { from: '**/*.json', to: '.', globOptions: { ignore: ['**/__fixtures__/**'] } },
    { from: '**/query_help.md', to: '.', noErrorOnMissing: true },
    ...logoPaths.map((logoPath) => ({ from: logoPath, to: logoPath })),
    ...screenshotPaths.map((screenshotPath) => ({ from: screenshotPath, to: screenshotPath })),
  ];
}
