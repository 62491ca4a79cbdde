import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { boundedBody, forgeryRefusal, MAX_BATCH_SIZE, NO_STORE } from "~/server/api/request-guard";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";

async function handler(incoming: Request): Promise<Response> {
  const refused = forgeryRefusal(incoming);
  if (refused) return refused;
  let req = incoming;
  if (incoming.method === "POST") {
    const body = await boundedBody(incoming);
    if (body instanceof Response) return body;
    req = new Request(incoming.url, { method: "POST", headers: incoming.headers, body, signal: incoming.signal });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
    // Answers are personal and current: no browser or proxy keeps them.
    responseMeta: () => ({ headers: NO_STORE }),
  });
}

export { handler as GET, handler as POST };
