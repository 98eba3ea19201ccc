import { PG_BIN, PostgresServer } from './postgres-server';

/** One PostgreSQL cluster for the whole run; each test file makes its own database in it. */
export default async function globalSetup(): Promise<void> {
  if (!PG_BIN.initdb || !PG_BIN.postgres) return;
  const server = await PostgresServer.create();
  process.env.KPILENS_TEST_PG_URL = server.url();
  (globalThis as { __kpilensPg?: PostgresServer }).__kpilensPg = server;
}
