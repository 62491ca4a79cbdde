import { eq } from "drizzle-orm";
import { db } from "~/db/index";
import { noticeEvents, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import type { Role } from "~/server/auth/roles";
import { callerFor } from "~/tests/callers";

// What the moderation tests share: sessions of each role, and what a reader finds of a notice.

export type Session = Awaited<ReturnType<typeof callerFor>>;

export async function session(agencyId: string, role: Role = "analyst", extra: { preModerated?: boolean } = {}): Promise<Session> {
  const user = await createUser(db, { agencyId, role });
  if (extra.preModerated) await db.update(users).set({ preModerated: true }).where(eq(users.id, user.id));
  return callerFor(user);
}

export const coordinator = () => session("unodc-roca", "coordinator");
export const admin = () => session("unodc-roca", "admin");

/** What one reader finds of a notice on every surface: the feed, a search for `q`, the detail page. */
export async function surfaces(reader: Session, id: string, q: string) {
  const feed = (await reader.caller.notices.feed({ limit: 100 })).items.some((item) => item.id === id);
  const search = (await reader.caller.notices.search({ q, limit: 100 })).items.some((item) => item.id === id);
  const detail = await reader.caller.notices.get({ id }).then(
    () => "ok",
    (error: { code?: string }) => error.code,
  );
  return { feed, search, detail };
}

export const SEEN = { feed: true, search: true, detail: "ok" };
export const UNSEEN = { feed: false, search: false, detail: "NOT_FOUND" };

export const eventsOf = async (noticeId: string) =>
  (await db.select({ kind: noticeEvents.kind }).from(noticeEvents).where(eq(noticeEvents.noticeId, noticeId))).map((e) => e.kind);
