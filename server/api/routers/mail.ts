import { ZDeadLetter, ZMailboxMessage, ZMailboxPage } from "~/schemas/subscriptions";
import { permissionProcedure, router } from "~/server/api/trpc";
import { getMailboxMessage, listDeadLetters, listMailbox, retryDeadLetter, runDigestsNow } from "~/server/services/mail-admin";

const admin = permissionProcedure("mail.admin");

export const mailRouter = router({
  mailbox: admin.input(ZMailboxPage).query(({ ctx: { viewer }, input }) => listMailbox({ viewer, input })),
  message: admin.input(ZMailboxMessage).query(({ ctx: { viewer }, input }) => getMailboxMessage({ viewer, input })),
  deadLetters: admin.query(({ ctx: { viewer } }) => listDeadLetters({ viewer })),
  runDigests: admin.mutation(({ ctx: { viewer } }) => runDigestsNow({ viewer })),
  retryDeadLetter: admin.input(ZDeadLetter).mutation(({ ctx: { viewer }, input }) => retryDeadLetter({ viewer, input })),
});
