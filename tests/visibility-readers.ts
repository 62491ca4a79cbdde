import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { notificationsListener } from "~/server/services/notifications/listener";
import { callerFor } from "~/tests/callers";
import { mayRead, type ModelNotice } from "~/tests/visibility-model";
import { buildWorld, worldArb, type World, type WorldNotice } from "~/tests/visibility-world";

// Every surface, from one generated world (tests/visibility-world.ts): each user is shown exactly
// what the model allows, and nothing of any other notice of the world (its id, its title, the
// marker word in its text and reasons, the word of its company or person name) ever reaches
// them. The world is random each run; VISIBILITY_SEED=<n> builds a given one again. The surfaces
// are read by the visibility-*.property.test.ts files, each from a world of its own.
export const SEED = Number(process.env.VISIBILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
export type Reader = {
  user: World["users"][number];
  caller: Caller;
  viewer: Awaited<ReturnType<typeof callerFor>>["viewer"];
  may: (n: ModelNotice) => boolean;
  /** May read it, or could before it was merged away: then a merge may name it (item 3 of issue 13). */
  knew: (n: ModelNotice) => boolean;
  /** The notices of the world the reader may not know of: nothing of them may reach the reader. */
  hidden: WorldNotice[];
};

// Set by useGeneratedWorld()'s beforeAll, read by the tests of the file that called it.
export let world: World;
export let all: WorldNotice[];
export let readers: Reader[];

/** Builds the world of VISIBILITY_SEED before the file's tests, and a reader for each of its users. */
export function useGeneratedWorld() {
  beforeAll(async () => {
    const [spec] = fc.sample(worldArb, { numRuns: 1, seed: SEED });
    world = await buildWorld(spec!);
    all = [world.hub, ...world.notices];
    readers = await Promise.all(
      world.users.map(async (user) => {
        const { caller, viewer } = await callerFor(user);
        const may = (n: ModelNotice) => mayRead(user, n);
        const knew = (n: ModelNotice) => may(n) || (n.status === "merged" && may({ ...n, status: "published" }));
        return { user, caller, viewer, may, knew, hidden: all.filter((n) => !knew(n)) };
      }),
    );
  }, 120_000);
  afterAll(() => notificationsListener().stop());
}

/**
 * What of the reader's hidden notices `value` lets through, each named with the reader's role and
 * the notice's marking and status. `ids: false` for a list of the reader's own choices (the
 * notices they watch), where the id is theirs already and only the content must go.
 */
export function leaks(reader: Reader, value: unknown, { ids = true } = {}): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return reader.hidden.flatMap((n) =>
    (
      [
        ["id", ids ? n.id : null],
        ["marker", n.marker],
        ["name", n.nameWord],
      ] as const
    )
      .filter(([, s]) => s !== null && text.includes(s))
      .map(([what]) => `${reader.user.role} is shown the ${what} of a hidden ${n.tlp} ${n.status} notice`),
  );
}

/** Readers are independent: checked side by side, as many requests at once as the pool serves. */
export const eachReader = (check: (r: Reader) => Promise<void>) => Promise.all(readers.map(check));

export const outcome = (call: Promise<unknown>) =>
  call.then(
    () => "read",
    (e: { code?: string }) => e.code ?? String(e),
  );
export const missingId = randomUUID();

/** Every page of a cursor-paged procedure. */
export async function pages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | number | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetch(cursor);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = String(page.nextCursor);
  }
  throw new Error("endless pages");
}

/** The ids of the world's notices among `ids`, in their order. */
export const ofWorld = (ids: string[]) => {
  const worldIds = new Set(all.map((n) => n.id));
  return ids.filter((id) => worldIds.has(id));
};
export const linkedTo = (id: string) => world.links.flatMap(([a, b]) => (a === id ? [b] : b === id ? [a] : []));
export const byId = (id: string) => all.find((n) => n.id === id)!;
/**
 * How many relations of a notice the reader may be told of: each link made, whose other end they
 * may know; each merge into it, of a duplicate they could read. Each is one event: at most one
 * notification each, and a message line only if there is one.
 */
export const linkingsTold = (r: Reader, id: string) => world.linkings.filter(([a, b]) => (a === id && r.knew(byId(b))) || (b === id && r.knew(byId(a)))).length;
export const mergesTold = (r: Reader, id: string) => world.merges.filter((m) => m.survivorId === id && r.knew(byId(m.duplicateId))).length;
export const survivors = () => new Set(world.merges.map((m) => m.survivorId));
