import { trpcUrl } from "~/bench/lib/app";
import { httpFetch, sendAndCut, type RequestInit } from "./http";

/** One answer of the app: its HTTP status (0: no answer at all, and why) and the procedure's data. */
export type Answer<T = unknown> = { status: number; ms: number; data?: T; error?: string };

// A mutation must come from the app's own origin, as JSON (server/api/request-guard.ts).
const mutationHeaders = (base: string, cookie: string) => ({ "content-type": "application/json", origin: base, "sec-fetch-site": "same-origin", cookie });

async function answer<T>(send: () => Promise<Response>): Promise<Answer<T>> {
  const started = performance.now();
  try {
    const response = await send();
    const body = (await response.json().catch(() => null)) as { result?: { data?: { json?: T } } } | null;
    return { status: response.status, ms: performance.now() - started, data: body?.result?.data?.json };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

export const query = <T>(base: string, cookie: string, procedure: string, input?: unknown, init: RequestInit = {}) =>
  answer<T>(() => httpFetch(trpcUrl(base, procedure, input), { ...init, headers: { cookie, ...init.headers } }));

/** `origin`: the app's own (APP_URL's), when `base` is one of several instances behind a proxy. */
export const mutate = <T>(base: string, cookie: string, procedure: string, input: unknown, origin = base) =>
  answer<T>(() =>
    httpFetch(`${base}/api/trpc/${procedure}`, { method: "POST", headers: mutationHeaders(origin, cookie), body: JSON.stringify({ json: input }) }),
  );

/** The same mutation, its connection dropped as soon as the body is sent: no answer is read. */
export const mutateAndCut = (base: string, cookie: string, procedure: string, input: unknown) =>
  sendAndCut(`${base}/api/trpc/${procedure}`, { method: "POST", headers: mutationHeaders(base, cookie), body: JSON.stringify({ json: input }) });

export { mutationHeaders };
