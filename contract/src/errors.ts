import { Type, type Static } from '@sinclair/typebox';

export const ErrorDetail = Type.Object({
  index: Type.Optional(Type.Integer({ description: 'item index within a batch' })),
  path: Type.String({ description: 'JSON path of the field, e.g. /points/3/value' }),
  message: Type.String({ description: 'what was expected' }),
});
export type ErrorDetail = Static<typeof ErrorDetail>;

export const ApiError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Array(ErrorDetail)),
  requestId: Type.Optional(Type.String()),
});
export type ApiError = Static<typeof ApiError>;
