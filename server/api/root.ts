import { createCallerFactory, router } from "~/server/api/trpc";
import { healthRouter } from "~/server/api/routers/health";
import { viewerRouter } from "~/server/api/routers/viewer";

export const appRouter = router({
  health: healthRouter,
  viewer: viewerRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
