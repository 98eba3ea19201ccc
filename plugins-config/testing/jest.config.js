// The test helpers' own tests, run with the shared plugin jest configuration rooted here.
module.exports = require('../jest.config.js')(__dirname, {
  displayName: 'plugins-config',
  testMatch: ['<rootDir>/**/*.test.ts'],
});
