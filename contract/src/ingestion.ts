import { Type, type Static } from '@sinclair/typebox';

// How fast the exporter is storing an organization's KPI points.

export const IngestionWindow = Type.Object({
  seconds: Type.Integer({ description: 'length of the window' }),
  points: Type.Integer({ description: 'points stored in the window' }),
  perSecond: Type.Number({ description: 'points / the part of the window the replica was running' }),
});
export type IngestionWindow = Static<typeof IngestionWindow>;

export const IngestionRate = Type.Object({
  asOf: Type.String({ format: 'date-time' }),
  runningSince: Type.String({ format: 'date-time', description: 'start of the replica that answered' }),
  windows: Type.Array(IngestionWindow, { description: 'last minute, 5 minutes and hour' }),
  lastWriteAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'last stored batch of points of the organization on this replica',
  }),
});
export type IngestionRate = Static<typeof IngestionRate>;
