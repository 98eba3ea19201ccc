// Test helpers shared by the plugins: load a built dist/ as Grafana does, and check plugin.json.
export { evaluateAmdModule, evaluateScript } from './amd-module';
export { ensurePluginBuilt, isBuildStale } from './build-plugin';
export { startDemoExporter, type DemoExporter } from './demo-exporter';
export { loadBuiltPlugin, type LoadedPlugin } from './load-built-plugin';
export { PluginJson, PLUGIN_ID_PATTERN, pluginJsonErrors } from './plugin-json-schema';
export { SHARED_DEPENDENCIES, sharedDependencyPackage } from './shared-dependencies';
export { registerStandardOptionEditors, STANDARD_OPTION_EDITOR_IDS } from './standard-option-editors';
export { proxyBackendSrv, routesOfPluginJson, type ProxyOptions, type ProxyRoute } from './proxy-backend-srv';
export { callExporter, startRealExporter, type RealExporter } from './real-exporter';
