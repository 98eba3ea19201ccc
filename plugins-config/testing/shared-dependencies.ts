/**
 * The module names Grafana's plugin loader hands to a plugin's AMD `define` (its SystemJS shared
 * dependencies, public/app/features/plugins/loader/sharedDependencies.ts in Grafana 13), each with the
 * package that provides it in node_modules. Grafana-internal `app/core/*` modules and the legacy jQuery
 * flot plugins are left out: a KPI Lens plugin must not depend on them.
 */
export const SHARED_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@emotion/css': '@emotion/css',
  '@emotion/react': '@emotion/react',
  '@grafana/data': '@grafana/data',
  '@grafana/data/unstable': '@grafana/data/unstable',
  '@grafana/runtime': '@grafana/runtime',
  '@grafana/runtime/unstable': '@grafana/runtime/unstable',
  '@grafana/slate-react': 'slate-react',
  '@grafana/ui': '@grafana/ui',
  '@grafana/ui/unstable': '@grafana/ui/unstable',
  d3: 'd3',
  emotion: '@emotion/css',
  i18next: 'i18next',
  jquery: 'jquery',
  lodash: 'lodash',
  moment: 'moment',
  prismjs: 'prismjs',
  react: 'react',
  'react/jsx-runtime': 'react/jsx-runtime',
  'react/jsx-dev-runtime': 'react/jsx-dev-runtime',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom/client',
  'react-dom/server': 'react-dom/server',
  'react-inlinesvg': 'react-inlinesvg',
  'react-redux': 'react-redux',
  'react-router-dom': 'react-router-dom',
  // Grafana serves React Router v6 under this name (through the v5-compat package), not v5.
  'react-router': 'react-router-dom-v5-compat',
  redux: 'redux',
  rxjs: 'rxjs',
  'rxjs/operators': 'rxjs/operators',
  slate: 'slate',
  'slate-plain-serializer': 'slate-plain-serializer',
  'slate-react': 'slate-react',
};

/** The package that provides `name` to plugins, or undefined when Grafana does not supply it. */
export function sharedDependencyPackage(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SHARED_DEPENDENCIES, name)
    ? SHARED_DEPENDENCIES[name]
    : undefined;
}
