import { storageKey } from "~/app/_components/form-drafts";
import type { NewOutboxItem } from "./outbox";
import { OUTBOX_PAGE } from "./kept-pages";

let outboxModule: Promise<typeof import("./outbox") | null> | null = null;

/**
 * Fetches the outbox's code (idb, ~2 KB) once the author starts on the form, while there is a
 * connection: once the link is down, a chunk not yet loaded could not be. Not with the page: a
 * reader who only looks at the form never needs it. A failed fetch is tried again at the next call.
 */
export function prepareOutbox(): Promise<typeof import("./outbox") | null> {
  outboxModule ??= import("./outbox").catch(() => {
    outboxModule = null;
    return null;
  });
  return outboxModule;
}

/** Puts a new notice into this device's outbox; false when it cannot be opened (IndexedDB switched off). */
async function keep(entry: NewOutboxItem): Promise<boolean> {
  const outbox = await prepareOutbox();
  if (!outbox) return false;
  try {
    await outbox.enqueue(entry);
    return true;
  } catch {
    return false;
  }
}

/**
 * The notice form's one call before it sends a new notice. With the browser offline, the notice
 * goes into this device's outbox (under the form's idempotency key, so that it becomes one notice
 * however often it is sent), the form's draft copy is dropped (the outbox holds the text now), and
 * the author is taken to the outbox page; true then, and the form sends nothing. Online, false:
 * the form sends as usual. Also false when the outbox cannot be opened: the form then fails as it
 * always has, keeping the text.
 */
export async function queueIfOffline(entry: NewOutboxItem): Promise<boolean> {
  if (navigator.onLine || !(await keep(entry))) return false;
  try {
    window.localStorage.removeItem(storageKey(entry.userId, `new.${entry.notice.kind}`));
  } catch {
    // Storage switched off: there was no draft copy either.
  }
  window.location.assign(OUTBOX_PAGE);
  return true;
}

/**
 * The notice form's call when sending a new notice got no answer (the link dropped while the
 * browser still thought itself online): the outbox sends it later under the same idempotency key,
 * so that a second press of the form's button makes no second notice. The form keeps its text
 * and says the server could not be reached.
 */
export async function queueUnanswered(entry: NewOutboxItem): Promise<void> {
  await keep(entry);
}
