import fs from 'fs';
import path from 'path';
import { evaluateAmdModule, evaluateScript } from './amd-module';
import { sharedDependencyPackage } from './shared-dependencies';

export interface LoadedPlugin {
  /** `exports.plugin` of dist/module.js: what Grafana registers. */
  plugin: unknown;
  exports: Record<string, unknown>;
  /** dist/plugin.json as built. */
  pluginJson: { id: string; type: string; [key: string]: unknown };
}

export interface LoadOptions {
  /**
   * Supplies a shared dependency by its node_modules package name. Pass the calling test's `require`, so
   * the plugin receives the very module instances the test imports (`instanceof` then holds) and packages
   * resolve from the plugin's folder. Default: this helper's own require.
   */
  requireShared?: (packageName: string) => unknown;
}

/** module.js of the plugin and of any nested plugin: entries, not lazily loaded chunks. */
function isEntry(relativePath: string): boolean {
  return path.basename(relativePath) === 'module.js';
}

function listScripts(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .sort();
}

/**
 * Loads a built plugin the way Grafana does: dist/module.js is evaluated as an AMD module whose
 * dependencies are Grafana's shared modules (real packages from node_modules here), and `exports.plugin`
 * is the plugin. A dependency Grafana does not share fails the load, as it would in Grafana. Lazy chunks
 * are evaluated first: webpack's runtime then finds them already registered instead of adding <script>
 * tags, which jsdom would not run.
 */
export function loadBuiltPlugin(distDir: string, options: LoadOptions = {}): LoadedPlugin {
  const requireShared = options.requireShared ?? ((name: string) => require(name));
  const pluginJson = JSON.parse(fs.readFileSync(path.join(distDir, 'plugin.json'), 'utf8'));
  const moduleMeta = {
    id: `public/plugins/${pluginJson.id}/module.js`,
    uri: `public/plugins/${pluginJson.id}/module.js`,
  };

  for (const chunk of listScripts(distDir).filter((file) => !isEntry(file))) {
    evaluateScript(fs.readFileSync(path.join(distDir, chunk), 'utf8'));
  }
  const exports = evaluateAmdModule(fs.readFileSync(path.join(distDir, 'module.js'), 'utf8'), (name) => {
    if (name === 'module') {
      return moduleMeta;
    }
    const pkg = sharedDependencyPackage(name);
    if (!pkg) {
      throw new Error(
        `dist/module.js imports "${name}", which Grafana does not provide to plugins: bundle it`,
      );
    }
    return requireShared(pkg);
  }) as Record<string, unknown>;

  if (!exports || !('plugin' in exports)) {
    throw new Error('dist/module.js has no `plugin` export');
  }
  return { plugin: exports.plugin, exports, pluginJson };
}
