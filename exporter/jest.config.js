module.exports = {
  displayName: 'exporter',
  ...require('../jest.node.config.js')(__dirname, {
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  }),
};
