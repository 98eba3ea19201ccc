module.exports = {
  displayName: 'exporter',
  ...require('../jest.node.config.js')(__dirname, {
    testTimeout: 120000,
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  }),
};
