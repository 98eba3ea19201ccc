/*
 * ESLint rules of the Grafana plugins: the scaffold's @grafana/eslint-config (React, hooks, jsdoc) scoped to
 * the plugin folders, meant to be spread into the repository's eslint.config.js after its TypeScript rules.
 * Paths are relative to the repository root, where that file lives.
 */
const grafanaConfig = require('@grafana/eslint-config/flat.js');
const globals = require('globals');

const PLUGIN_FILES = [
  'datasource-plugin/**/*.{js,ts,tsx}',
  'panel-plugin/**/*.{js,ts,tsx}',
  'app-plugin/**/*.{js,ts,tsx}',
  'plugins-config/**/*.{js,ts,tsx}',
];

module.exports = [
  ...grafanaConfig.map((config) => ({ ...config, files: PLUGIN_FILES })),
  {
    name: 'kpilens/plugins',
    files: PLUGIN_FILES,
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.jest } },
    settings: { react: { version: '18.3' } },
    rules: {
      'react/prop-types': 'off',
      // TypeScript reports real redeclarations; the core rule misreads a TypeBox schema and its type sharing a name.
      'no-redeclare': 'off',
      // @grafana/eslint-config turns this off; the repository keeps it on everywhere.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
