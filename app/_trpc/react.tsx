"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

const Provided = createContext(false);

/**
 * The tRPC client with TanStack Query, for the client components below it: ~23 KB of compressed
 * script. Every signed-in page has it (app/(app)/layout.tsx), because the header's outbox
 * indicator sends with it; a section or component that also wraps itself in it — as the sections
 * whose pages call `useTRPC` do, for their pages outside the signed-in layout too (second factor,
 * invitation) — reuses the one above, so that a page has one query cache (the outbox watches it
 * for notices sent without an answer). The live bell and "new notices" read tRPC over
 * EventSource instead (./events.ts).
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  return useContext(Provided) ? children : <OwnProvider>{children}</OwnProvider>;
}

function OwnProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 }, mutations: { retry: false } } }),
  );
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
        <Provided value={true}>{children}</Provided>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
