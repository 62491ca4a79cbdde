import { createCallerFactory, router } from "~/server/api/trpc";
import { agenciesRouter } from "~/server/api/routers/agencies";
import { healthRouter } from "~/server/api/routers/health";
import { invitationsRouter } from "~/server/api/routers/invitations";
import { noticesRouter } from "~/server/api/routers/notices";
import { profileRouter } from "~/server/api/routers/profile";
import { referenceRouter } from "~/server/api/routers/reference";
import { usersRouter } from "~/server/api/routers/users";
import { viewerRouter } from "~/server/api/routers/viewer";

export const appRouter = router({
  agencies: agenciesRouter,
  health: healthRouter,
  invitations: invitationsRouter,
  notices: noticesRouter,
  profile: profileRouter,
  reference: referenceRouter,
  users: usersRouter,
  viewer: viewerRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
