import { createCallerFactory, router } from "~/server/api/trpc";
import { agenciesRouter } from "~/server/api/routers/agencies";
import { apiKeysRouter } from "~/server/api/routers/api-keys";
import { auditRouter } from "~/server/api/routers/audit";
import { deconflictionRouter } from "~/server/api/routers/deconfliction";
import { entitiesRouter } from "~/server/api/routers/entities";
import { exportsRouter } from "~/server/api/routers/exports";
import { healthRouter } from "~/server/api/routers/health";
import { homeRouter } from "~/server/api/routers/home";
import { invitationsRouter } from "~/server/api/routers/invitations";
import { mailRouter } from "~/server/api/routers/mail";
import { mfaRouter } from "~/server/api/routers/mfa";
import { moderationRouter } from "~/server/api/routers/moderation";
import { noticesRouter } from "~/server/api/routers/notices";
import { notificationsRouter } from "~/server/api/routers/notifications";
import { pictureRouter } from "~/server/api/routers/picture";
import { profileRouter } from "~/server/api/routers/profile";
import { referenceRouter } from "~/server/api/routers/reference";
import { screeningRouter } from "~/server/api/routers/screening";
import { subscriptionsRouter } from "~/server/api/routers/subscriptions";
import { usersRouter } from "~/server/api/routers/users";
import { viewerRouter } from "~/server/api/routers/viewer";

export const appRouter = router({
  agencies: agenciesRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  deconfliction: deconflictionRouter,
  entities: entitiesRouter,
  exports: exportsRouter,
  health: healthRouter,
  home: homeRouter,
  invitations: invitationsRouter,
  mail: mailRouter,
  mfa: mfaRouter,
  moderation: moderationRouter,
  notices: noticesRouter,
  notifications: notificationsRouter,
  picture: pictureRouter,
  profile: profileRouter,
  reference: referenceRouter,
  screening: screeningRouter,
  subscriptions: subscriptionsRouter,
  users: usersRouter,
  viewer: viewerRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
