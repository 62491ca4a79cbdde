import { ZUserInvite, ZUserRef, ZUserUpdate } from "~/schemas/users";
import { permissionProcedure, router } from "~/server/api/trpc";
import {
  disableUser,
  enableUser,
  endUserSessions,
  inviteUser,
  listUsers,
  resendInvitation,
  resetSecondFactor,
  updateUser,
  userFormOptions,
} from "~/server/services/users";

const manage = permissionProcedure("user.manage");

export const usersRouter = router({
  list: manage.query(({ ctx: { viewer } }) => listUsers({ viewer })),
  formOptions: manage.query(({ ctx: { viewer } }) => userFormOptions({ viewer })),
  invite: manage.input(ZUserInvite).mutation(({ ctx: { viewer, ip }, input }) => inviteUser({ viewer, input, ip })),
  update: manage.input(ZUserUpdate).mutation(({ ctx: { viewer, ip }, input }) => updateUser({ viewer, input, ip })),
  disable: manage.input(ZUserRef).mutation(({ ctx: { viewer, ip }, input }) => disableUser({ viewer, input, ip })),
  enable: manage.input(ZUserRef).mutation(({ ctx: { viewer, ip }, input }) => enableUser({ viewer, input, ip })),
  resetSecondFactor: manage.input(ZUserRef).mutation(({ ctx: { viewer, ip }, input }) => resetSecondFactor({ viewer, input, ip })),
  endSessions: manage.input(ZUserRef).mutation(({ ctx: { viewer, ip }, input }) => endUserSessions({ viewer, input, ip })),
  resendInvitation: manage.input(ZUserRef).mutation(({ ctx: { viewer, ip }, input }) => resendInvitation({ viewer, input, ip })),
});
