// The test helpers' own tests (pure logic: no DOM, no plugin build), a jest project of their own.
module.exports = {
  displayName: 'plugins-config',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
};
