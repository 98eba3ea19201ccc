import { Type, type Static } from '@sinclair/typebox';

export const WhoAmI = Type.Object({
  organization: Type.String(),
  keyName: Type.String(),
  scopes: Type.Array(Type.String()),
  apiVersion: Type.String(),
  exporterVersion: Type.String(),
});
export type WhoAmI = Static<typeof WhoAmI>;
