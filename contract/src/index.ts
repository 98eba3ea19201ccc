// The one contract between the exporter and the Grafana plugins: request/response schemas
// (TypeBox, so the same definitions validate requests, document the OpenAPI and type the clients).
export * from './names';
export * from './ingest';
export * from './read';
export * from './errors';
export * from './keys';
export * from './models';
export * from './accounts';
export * from './analysis';
export * from './recommendations';
export * from './queries';
export * from './catalog';
export * from './anomaly-band';
export * from './risk-scores';
export * from './ingestion';
