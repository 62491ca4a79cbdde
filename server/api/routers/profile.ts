import { ZPasswordChange, ZPreferences } from "~/schemas/profile";
import { permissionProcedure, router } from "~/server/api/trpc";
import { changePassword, getProfile, signOutEverywhere, updatePreferences } from "~/server/services/profile";

export const profileRouter = router({
  get: permissionProcedure("profile.read").query(({ ctx: { viewer } }) => getProfile({ viewer })),
  updatePreferences: permissionProcedure("profile.update")
    .input(ZPreferences)
    .mutation(({ ctx: { viewer }, input }) => updatePreferences({ viewer, input })),
  changePassword: permissionProcedure("profile.update")
    .input(ZPasswordChange)
    .mutation(({ ctx: { viewer, ip }, input }) => changePassword({ viewer, input, ip })),
  signOutEverywhere: permissionProcedure("profile.update").mutation(({ ctx: { viewer } }) => signOutEverywhere({ viewer })),
});
