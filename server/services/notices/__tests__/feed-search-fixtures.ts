import { db } from "~/db/index";
import { createAgency, createUser } from "~/db/seed/factories";
import type { FeedFilters } from "~/schemas/notices";
import type { Role } from "~/server/auth/roles";
import { callerFor } from "~/tests/callers";

// What the feed and search tests share: members of an agency, an author of a fresh agency, a page
// of the feed.

export type Session = Awaited<ReturnType<typeof callerFor>>;

export async function member(agencyId: string, role: Role = "analyst"): Promise<Session> {
  return callerFor(await createUser(db, { agencyId, role }));
}

/** A fresh agency of its own, so a test's notices can be singled out with the agency filter. */
export async function freshAuthor(countryCode = "KG") {
  const agency = await createAgency(db, { countryCode });
  return { agency, author: await member(agency.id) };
}

export const feed = (session: Session, filters: FeedFilters = {}, more: { cursor?: string; limit?: number } = {}) =>
  session.caller.notices.feed({ filters, ...more });

export const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);
