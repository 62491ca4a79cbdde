import { ZMfaCode, ZRecoveryCode } from "~/schemas/security";
import { permissionProcedure, router, secondFactorProcedure } from "~/server/api/trpc";
import { setSessionCookie } from "~/server/auth/session-cookie";
import { beginEnrolment, confirmEnrolment, disableMfa, mfaStatus, regenerateRecoveryCodes, useRecoveryCode, verifyCode } from "~/server/services/mfa";

// The first five are what a session waiting for its second factor can reach, and all it can reach.
// Passing the factor rotates the session: the new id goes to the browser in its cookie, never in
// the answer's body.
export const mfaRouter = router({
  status: secondFactorProcedure.query(async ({ ctx }) => ({
    ...(await mfaStatus(ctx.subject)),
    step: ctx.mfaPending?.step ?? null,
  })),
  beginEnrolment: secondFactorProcedure.mutation(({ ctx }) => beginEnrolment(ctx.subject)),
  confirmEnrolment: secondFactorProcedure.input(ZMfaCode).mutation(async ({ ctx, input }) => {
    const { sessionId, recoveryCodes } = await confirmEnrolment(ctx.subject, input.code);
    await setSessionCookie(ctx.resHeaders, sessionId);
    return { recoveryCodes };
  }),
  verify: secondFactorProcedure.input(ZMfaCode).mutation(async ({ ctx, input }) => {
    const { sessionId } = await verifyCode(ctx.subject, input.code);
    await setSessionCookie(ctx.resHeaders, sessionId);
  }),
  recover: secondFactorProcedure.input(ZRecoveryCode).mutation(async ({ ctx, input }) => {
    const { sessionId, recoveryCodesLeft } = await useRecoveryCode(ctx.subject, input.code);
    await setSessionCookie(ctx.resHeaders, sessionId);
    return { recoveryCodesLeft };
  }),
  regenerateRecoveryCodes: permissionProcedure("mfa.manage")
    .input(ZMfaCode)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.viewer, input.code)),
  disable: permissionProcedure("mfa.manage")
    .input(ZMfaCode)
    .mutation(({ ctx, input }) => disableMfa(ctx.viewer, input.code)),
});
