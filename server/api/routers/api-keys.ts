import { ZApiKeyCreate, ZApiKeyRef } from "~/schemas/api-keys";
import { permissionProcedure, router } from "~/server/api/trpc";
import { createApiKey, listApiKeys, listServiceAccounts, revokeApiKey } from "~/server/services/api-keys";

const manage = permissionProcedure("api_key.manage");

export const apiKeysRouter = router({
  list: manage.query(({ ctx: { viewer } }) => listApiKeys({ viewer })),
  serviceAccounts: manage.query(({ ctx: { viewer } }) => listServiceAccounts({ viewer })),
  create: manage.input(ZApiKeyCreate).mutation(({ ctx: { viewer }, input }) => createApiKey({ viewer, input })),
  revoke: manage.input(ZApiKeyRef).mutation(({ ctx: { viewer }, input }) => revokeApiKey({ viewer, input })),
});
