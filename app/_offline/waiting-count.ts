// How many notices wait in this device's outbox, per user, kept in localStorage beside the outbox
// (IndexedDB) by ./outbox whenever it changes. The header of every page reads it synchronously and
// loads the outbox (idb and its code) only when something waits: an empty outbox costs no chunk.

/** The outbox's IndexedDB database (./outbox opens it). */
export const OUTBOX_DATABASE = "tianshan-outbox";

const KEY = "tianshan.outbox.waiting";
const EVENT = "tianshan-outbox-waiting";

type Counts = Record<string, number>;

/**
 * How many of `userId`'s notices wait; null when this device never recorded it (an outbox from
 * before the count was kept, storage switched off): the outbox itself must be asked.
 */
export function waitingCount(userId: string): number | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (raw === null) return null;
    const count = (JSON.parse(raw) as Counts)[userId];
    return typeof count === "number" ? count : 0;
  } catch {
    return null;
  }
}

/**
 * Whether the outbox's database exists on this device, asked of the browser without opening it
 * (which would create it, and needs ./outbox): on a device that never recorded a count, usually
 * none does, and then nothing needs loading. True when the browser cannot tell.
 */
export async function outboxMayHoldAnything(): Promise<boolean> {
  if (typeof indexedDB.databases !== "function") return true;
  return (await indexedDB.databases()).some((database) => database.name === OUTBOX_DATABASE);
}

/** Records the outbox's counts (every user's), as ./outbox finds them after a change. */
export function recordWaiting(counts: Counts): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(counts));
  } catch {
    // Storage full or switched off: the header then asks the outbox itself.
  }
  window.dispatchEvent(new Event(EVENT));
}

/** Calls `listener` when the counts change, in this tab (its own event) or another (the storage event); returns the unsubscribe. */
export function onWaitingChange(listener: () => void): () => void {
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) listener();
  };
  window.addEventListener(EVENT, listener);
  window.addEventListener("storage", fromOtherTab);
  return () => {
    window.removeEventListener(EVENT, listener);
    window.removeEventListener("storage", fromOtherTab);
  };
}
