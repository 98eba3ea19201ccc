// Shared jest settings for the Node workspaces (contract, exporter): TypeScript through swc.
// ESM-only dependencies (pulled in by @fastify/static) are compiled to CommonJS too.
const ESM_ONLY = ['content-disposition'];

module.exports = (dirname, overrides = {}) => ({
  rootDir: dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  ...overrides,
});
