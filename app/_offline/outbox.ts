import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { newIdempotencyKey } from "~/app/_components/form-drafts";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { NoticeInput } from "~/schemas/notices";
import { OUTBOX_DATABASE, recordWaiting } from "./waiting-count";

// Loaded lazily (import("./outbox")), by the header once the page is idle and only while
// ./waiting-count says something waits: idb and the outbox's code stay out of every page's first
// load. It imports no tRPC code: what sends lives in ./sender.

/** One notice written on this device and not yet accepted by the server. */
export type OutboxItem = {
  /** The key of the form that wrote it: however often it is sent, the server makes one notice of it. */
  idempotencyKey: string;
  /** Only its author's session sends it; another user signed in on this device never does. */
  userId: string;
  kind: NoticeKind;
  title: string;
  asDraft: boolean;
  notice: NoticeInput;
  /** Notices a company alert links to, linked once it exists (as the form does). */
  linkIds: string[];
  createdAt: string;
  /** Why the last attempt failed (a key of the `errors` messages), or null. */
  lastError: string | null;
  /** The server refused it (a validation or permission error): only "Send now" tries again. */
  held: boolean;
};

export type NewOutboxItem = Pick<OutboxItem, "userId" | "idempotencyKey" | "asDraft" | "notice" | "linkIds">;

interface OutboxSchema extends DBSchema {
  items: { key: string; value: OutboxItem; indexes: { byUser: string } };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(OUTBOX_DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore("items", { keyPath: "idempotencyKey" }).createIndex("byUser", "userId");
    },
    // Another tab upgrading or deleting the database: let it, and open afresh next time.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      opened = null;
    },
  });
  return opened;
}

// Other tabs hear of a change through the channel (which does not hear its own messages); this
// tab through its own target.
const here = new EventTarget();
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(OUTBOX_DATABASE);

/** Counts every user's waiting notices into ./waiting-count, which the header reads. */
export async function recount(): Promise<void> {
  const counts: Record<string, number> = {};
  for (const { userId } of await (await database()).getAll("items")) counts[userId] = (counts[userId] ?? 0) + 1;
  recordWaiting(counts);
}

async function changed(): Promise<void> {
  await recount().catch(() => undefined);
  here.dispatchEvent(new Event("change"));
  channel?.postMessage("change");
}

/** Calls `listener` whenever the outbox changes, in this tab or another; returns the unsubscribe. */
export function onChange(listener: () => void): () => void {
  here.addEventListener("change", listener);
  channel?.addEventListener("message", listener);
  return () => {
    here.removeEventListener("change", listener);
    channel?.removeEventListener("message", listener);
  };
}

export async function enqueue(entry: NewOutboxItem): Promise<void> {
  const db = await database();
  // The same form queued twice (a second press) stays one item, under its one key.
  await db.put("items", { ...entry, kind: entry.notice.kind, title: entry.notice.title, createdAt: new Date().toISOString(), lastError: null, held: false });
  await changed();
}

export async function itemsOf(userId: string): Promise<OutboxItem[]> {
  const items = await (await database()).getAllFromIndex("items", "byUser", userId);
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Everything waiting on this device, whoever wrote it: what signing out would delete. */
export async function countAll(): Promise<number> {
  return (await database()).count("items");
}

export async function discard(idempotencyKey: string): Promise<void> {
  await (await database()).delete("items", idempotencyKey);
  await changed();
}

/** At sign-out: nothing written here stays on the device for the next person. */
export async function clearOutbox(): Promise<void> {
  await (await database()).clear("items");
  await changed();
}

/**
 * Records why an attempt failed: `held` when the server refused it (only the author's "Send now"
 * tries again).
 */
export async function note(item: OutboxItem, lastError: string, held: boolean): Promise<void> {
  const db = await database();
  if (lastError === "idempotencyKeyReused") {
    // The key went out with other content (another tab, say): as the form does, this text goes
    // out as a new notice next time, under a new key.
    const tx = db.transaction("items", "readwrite");
    await Promise.all([tx.store.delete(item.idempotencyKey), tx.store.put({ ...item, idempotencyKey: newIdempotencyKey(), lastError, held }), tx.done]);
  } else {
    await db.put("items", { ...item, lastError, held });
  }
  await changed();
}
