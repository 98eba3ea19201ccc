// The throwaway cluster lives in src/testing so the benchmarks start it the same way the tests do.
export { freePort, PG_BIN, PostgresServer } from '../../src/testing/postgres-server';
