import type { PostgresServer } from './postgres-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __kpilensPg?: PostgresServer }).__kpilensPg?.destroy();
}
