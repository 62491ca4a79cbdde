import { publicProcedure, router } from "~/server/api/trpc";

// The framework's floor in benchmarks: a procedure that touches no database.
export const healthRouter = router({
  ping: publicProcedure.query(() => ({ ok: true as const })),
});
