import { storageKey } from "~/app/(app)/notices/_components/form/autosave";
import type { NewOutboxItem } from "./outbox";
import { OUTBOX_PAGE } from "./kept-pages";

// Fetched as soon as the form loads, while there is a connection: once the link is down, a chunk
// not yet loaded could not be.
const outboxModule = typeof window === "undefined" ? null : import("./outbox").catch(() => null);

/**
 * The notice form's one call before it sends a new notice. With the browser offline, the notice
 * goes into this device's outbox (under the form's idempotency key, so that it becomes one notice
 * however often it is sent), the form's draft copy is dropped (the outbox holds the text now), and
 * the author is taken to the outbox page; true then, and the form sends nothing. Online, false:
 * the form sends as usual. Also false when the outbox cannot be opened (IndexedDB switched off):
 * the form then fails as it always has, keeping the text.
 */
export async function queueIfOffline(entry: NewOutboxItem): Promise<boolean> {
  if (navigator.onLine) return false;
  const outbox = await outboxModule;
  if (!outbox) return false;
  try {
    await outbox.enqueue(entry);
  } catch {
    return false;
  }
  try {
    window.localStorage.removeItem(storageKey(entry.userId, `new.${entry.notice.kind}`));
  } catch {
    // Storage switched off: there was no draft copy either.
  }
  window.location.assign(OUTBOX_PAGE);
  return true;
}
