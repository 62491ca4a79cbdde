import { permissionProcedure, router } from "~/server/api/trpc";

export const viewerRouter = router({
  me: permissionProcedure("profile.read").query(({ ctx: { viewer } }) => ({
    userId: viewer.userId,
    email: viewer.email,
    name: viewer.name,
    role: viewer.role,
    agencyId: viewer.agencyId,
    agencyName: viewer.agencyName,
    dutyStationId: viewer.dutyStationId,
    locale: viewer.locale,
    timeZone: viewer.timeZone,
    permissions: [...viewer.permissions],
  })),
});
