"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * The tRPC client with TanStack Query, for the client components below it. Not in the root
 * layout: it is ~23 KB of compressed script, and the pages a first visit costs most on (the feed,
 * a notice) do without (`npm run bench:weight`). A section whose pages call `useTRPC` has it in
 * its layout (`export { TRPCReactProvider as default } from "~/app/_trpc/react"`, or with the
 * section's messages `export default clientSection("<section>", TRPCReactProvider)`);
 * a component on a page outside them wraps itself (as the notice page's retract form does). The live bell and
 * "new notices" read tRPC over EventSource instead (./events.ts).
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 }, mutations: { retry: false } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions over server-sent events: after a dropped connection the link reconnects with
        // the id of the last event it received, from which the server resumes.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 10 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
