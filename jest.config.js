// One jest run for the whole monorepo: each workspace is a project with its own config.
module.exports = {
  projects: [
    '<rootDir>/contract',
    '<rootDir>/exporter',
    '<rootDir>/plugins-config/testing',
    '<rootDir>/datasource-plugin',
    '<rootDir>/panel-plugin',
    '<rootDir>/app-plugin',
    '<rootDir>/provisioning',
  ],
  // Tests start real services (PostgreSQL, Prometheus, exporters): jest's 5 s default is too short on 2 cores.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
