// `npm run screenshots` (root): the scene runner with the shared plugin jest configuration. Not part of
// `npm test` (it rewrites docs/screenshots/); the harness itself is tested by screenshots.test.ts.
const path = require('path');

const base = require('../../jest.config.js')(__dirname, {});

module.exports = {
  ...base,
  displayName: 'screenshots',
  testMatch: ['<rootDir>/scenes.screenshots.ts'],
  // Real icons in the pictures: @grafana/ui's SVGs read from node_modules instead of fetched from Grafana.
  moduleNameMapper: { ...base.moduleNameMapper, 'react-inlinesvg': path.join(__dirname, 'inline-svg.tsx') },
  testTimeout: 600000,
  reporters: ['default'],
};
