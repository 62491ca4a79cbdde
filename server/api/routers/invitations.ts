import { ZInvitationAccept, ZInvitationCheck } from "~/schemas/users";
import { publicProcedure, router } from "~/server/api/trpc";
import { acceptInvitation, checkInvitation } from "~/server/services/invitations";

// Public by design: the invitee has no account to sign in with yet; the token is the credential.
export const invitationsRouter = router({
  check: publicProcedure.input(ZInvitationCheck).query(({ input }) => checkInvitation({ input })),
  accept: publicProcedure.input(ZInvitationAccept).mutation(({ ctx: { ip }, input }) => acceptInvitation({ input, ip })),
});
