import { TRPCClientError } from "@trpc/client";
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { newIdempotencyKey } from "~/app/(app)/notices/_components/form/autosave";
import { formErrors } from "~/app/_components/form";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { NoticeInput } from "~/schemas/notices";

// Loaded lazily (import("./outbox")): idb and the outbox's code stay out of every page's first load.

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

/** What sends a notice: the tRPC mutations, handed in by the component that owns them. */
export type Sender = {
  create: (input: { idempotencyKey: string; asDraft: boolean; notice: NoticeInput }) => Promise<{ id: string }>;
  link: (input: { id: string; otherId: string }) => Promise<unknown>;
};

interface OutboxSchema extends DBSchema {
  items: { key: string; value: OutboxItem; indexes: { byUser: string } };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>("tianshan-outbox", 1, {
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
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("tianshan-outbox");

function changed(): void {
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
  changed();
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
  changed();
}

/** At sign-out: nothing written here stays on the device for the next person. */
export async function clearOutbox(): Promise<void> {
  await (await database()).clear("items");
  changed();
}

async function note(item: OutboxItem, lastError: string, held: boolean): Promise<void> {
  const db = await database();
  if (lastError === "idempotencyKeyReused") {
    // The key went out with other content (another tab, say): as the form does, this text goes
    // out as a new notice next time, under a new key.
    const tx = db.transaction("items", "readwrite");
    await Promise.all([tx.store.delete(item.idempotencyKey), tx.store.put({ ...item, idempotencyKey: newIdempotencyKey(), lastError, held }), tx.done]);
  } else {
    await db.put("items", { ...item, lastError, held });
  }
  changed();
}

// Worth trying again later by themselves; any other refusal waits for the author.
const PASSING = new Set(["UNAUTHORIZED", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "TIMEOUT"]);

/** Sends one item; false when the server could not be reached or asked to wait, so that the rest wait too. */
async function send(item: OutboxItem, sender: Sender): Promise<boolean> {
  try {
    const { id } = await sender.create({ idempotencyKey: item.idempotencyKey, asDraft: item.asDraft, notice: item.notice });
    // The notice exists either way; a link that fails can be made from its page.
    await Promise.allSettled(item.linkIds.map((otherId) => sender.link({ id, otherId })));
    await discard(item.idempotencyKey);
    return true;
  } catch (error) {
    const message = formErrors(error).message ?? "invalid";
    const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
    if (!code || PASSING.has(code)) {
      await note(item, message, false);
      return false;
    }
    await note(item, message, true);
    return true;
  }
}

// One run at a time in a tab; the server's idempotency keys make runs in two tabs harmless.
let running: Promise<unknown> = Promise.resolve();

/**
 * Sends the user's waiting notices, oldest first, one at a time; stops at the first that gets no
 * answer. Items the server refused are left alone unless `only` names one (the author's "Send now").
 */
export function flush(userId: string, sender: Sender, only?: string): Promise<void> {
  const run = async () => {
    for (const item of await itemsOf(userId)) {
      if (only ? item.idempotencyKey !== only : item.held) continue;
      if (!(await send(item, sender))) return;
    }
  };
  const next = running.then(run);
  running = next.catch(() => undefined);
  return next;
}
