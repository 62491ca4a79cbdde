import type { NoticeInput } from "~/schemas/notices";
import { discard, itemsOf, note, type OutboxItem } from "./outbox";

// Loaded by the header only while the user's outbox holds something (and by the outbox page's
// "Send now"). It calls the tRPC procedures over the browser's own fetch, as ./app/_trpc/events.ts
// does: the tRPC client with TanStack Query is ~23 KB of script that no page should load for this.

const ENDPOINT = "/api/trpc";

/** What a tRPC error answer carries (server/api/trpc.ts's errorFormatter), in superjson's envelope. */
type ErrorAnswer = { error: { json: { message?: string; data?: { code?: string; fields?: Record<string, unknown> | null } } } };

/** An attempt that failed: `reason` a key of the `errors` messages, `code` null when the app gave no answer (the link, a proxy's error page). */
class SendFailure extends Error {
  constructor(
    readonly reason: string,
    readonly code: string | null,
  ) {
    super(reason);
    this.name = "SendFailure";
  }
}

/** One tRPC mutation, as tRPC's own (unbatched) HTTP link sends it with the superjson transformer. */
async function mutate<T>(path: string, input: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${ENDPOINT}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
  } catch {
    throw new SendFailure("network", null);
  }
  const answer = (await response.json().catch(() => null)) as ({ result?: { data?: { json: T } } } & Partial<ErrorAnswer>) | null;
  if (response.ok && answer?.result?.data) return answer.result.data.json;
  const error = answer?.error?.json;
  if (!error?.data?.code) throw new SendFailure("network", null);
  const { code, fields } = error.data;
  // Field errors: the notice does not pass the shared schema (changed since it was written, say).
  const reason = fields && Object.keys(fields).length > 0 ? "invalid" : code === "INTERNAL_SERVER_ERROR" ? "internal" : error.message || "internal";
  throw new SendFailure(reason, code);
}

// Worth trying again later by themselves; any other refusal waits for the author.
const PASSING = new Set(["UNAUTHORIZED", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "TIMEOUT"]);

/** Sends one item; false when the server could not be reached or asked to wait, so that the rest wait too. */
async function send(item: OutboxItem): Promise<boolean> {
  try {
    const input: { idempotencyKey: string; asDraft: boolean; notice: NoticeInput } = {
      idempotencyKey: item.idempotencyKey,
      asDraft: item.asDraft,
      notice: item.notice,
    };
    const { id } = await mutate<{ id: string }>("notices.create", input);
    // The notice exists either way; a link that fails can be made from its page.
    await Promise.allSettled(item.linkIds.map((otherId) => mutate("notices.link", { id, otherId })));
    await discard(item.idempotencyKey);
    return true;
  } catch (error) {
    const { reason, code } = error instanceof SendFailure ? error : { reason: "internal", code: null };
    if (!code || PASSING.has(code)) {
      await note(item, reason, false);
      return false;
    }
    await note(item, reason, true);
    return true;
  }
}

// One run at a time in a tab; the server's idempotency keys make runs in two tabs harmless.
let running: Promise<unknown> = Promise.resolve();

/**
 * Sends the user's waiting notices, oldest first, one at a time; stops at the first that gets no
 * answer. Items the server refused are left alone unless `only` names one (the author's "Send now").
 */
export function flush(userId: string, only?: string): Promise<void> {
  const run = async () => {
    for (const item of await itemsOf(userId)) {
      if (only ? item.idempotencyKey !== only : item.held) continue;
      if (!(await send(item))) return;
    }
  };
  const next = running.then(run);
  running = next.catch(() => undefined);
  return next;
}

// While anything waits, how often to try again besides when the browser says it is back online.
const RETRY_MS = 30_000;

/**
 * Sends what waits now, when the browser is back online, and every half minute; returns the stop.
 * The header starts it while it counts anything waiting and stops it once nothing does.
 */
export function keepSending(userId: string): () => void {
  const attempt = () => {
    if (navigator.onLine) void flush(userId).catch(() => undefined);
  };
  const timer = window.setInterval(attempt, RETRY_MS);
  window.addEventListener("online", attempt);
  attempt();
  return () => {
    window.clearInterval(timer);
    window.removeEventListener("online", attempt);
  };
}
