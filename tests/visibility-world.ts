import { inArray, or } from "drizzle-orm";
import { db } from "~/db/index";
import { noticeLinks, noticeRecipients, noticeReleaseAgencies, noticeReleaseCountries, noticeReports, notices, users } from "~/db/schema";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { ModelNotice, ModelUser } from "~/tests/visibility-model";
import { CROSSINGS, DAYS, SUBSTANCES, type NoticeSpec, type WorldSpec } from "./visibility-world-spec";
import { createHub, createNotices, deliver, linkNotices, reportAndWatch, retractAndMerge, settleStatuses, startWorld } from "./visibility-world-steps";

/**
 * One world for the every-surface visibility test: users of every role in agencies that share a
 * country, another country, and UNODC; a notice of every marking in every status (each of some
 * kind), with random release lists and RED recipients, reports, watches, edits, links, retractions
 * and merges, all made through the procedures a user calls, so that every derived row
 * (versions, events, notifications, mail, audit, moderation log) is the application's own. Its
 * facts (statuses, lists, links) are then read back; who may read what is the model's to say.
 *
 * Every notice carries a marker word of its own in its title, narrative and every reason written
 * about it, so that a surface that lets anything of it through is caught by a text search.
 */

// The world's cast, places and arbitrary (visibility-world-spec.ts), and the steps that build it
// (visibility-world-steps.ts); the property tests import all of it from here.
export { AGENCIES, CROSSINGS, DAYS, SUBSTANCES, worldArb, type WorldSpec } from "./visibility-world-spec";

export type WorldNotice = ModelNotice & {
  kind: NoticeKind;
  /** A word of its own, in its title, its narrative and every reason written about it. */
  marker: string;
  /** The word of its company or person name, for spelling suggestions (null for seizures). */
  nameWord: string | null;
  crossingId: string;
  countryCode: string;
  substanceId: string | null;
  occurredOn: string;
};
export type Probe = { word: string; control: string; noticeId: string };
export type World = {
  users: (ModelUser & { sessionVersion: number })[];
  notices: WorldNotice[];
  hub: WorldNotice;
  /** Every pair as it stands in notice_links (merges move a duplicate's links to the survivor). */
  links: [string, string][];
  /** Every pair as it was linked, each once: what `linked` events were about. */
  linkings: [string, string][];
  merges: { duplicateId: string; survivorId: string }[];
  probes: Probe[];
  baseWord: string;
};

/** Builds the world in the database, through the procedures wherever a user could do it. */
export async function buildWorld(spec: WorldSpec): Promise<World> {
  const b = await startWorld(spec);
  const hub = await createHub(b);
  const { created, probes } = await createNotices(b);
  await settleStatuses(b, created);
  await reportAndWatch(b, created, hub.id);
  const linkings = await linkNotices(b, created, hub.id);
  const merges = await retractAndMerge(b, created, hub.id);
  const ids = [hub.id, ...created.map((c) => c.id)];
  await deliver(ids, b.users);

  const facts = await readFacts(ids);
  const worldNotice = (id: string, marker: string, nameWord: string | null, n: Pick<NoticeSpec, "kind" | "crossing" | "substance" | "day">): WorldNotice => ({
    ...facts.get(id)!,
    kind: n.kind,
    marker,
    nameWord,
    crossingId: CROSSINGS[n.crossing].id,
    countryCode: CROSSINGS[n.crossing].country,
    substanceId: n.kind === "seizure" ? SUBSTANCES[n.substance] : null,
    occurredOn: DAYS[n.day],
  });
  const links = await db
    .select({ a: noticeLinks.noticeA, b: noticeLinks.noticeB })
    .from(noticeLinks)
    .where(or(inArray(noticeLinks.noticeA, ids), inArray(noticeLinks.noticeB, ids)));
  return {
    users: b.users,
    notices: created.map((c) => worldNotice(c.id, c.marker, c.nameWord, c.spec)),
    hub: worldNotice(hub.id, hub.marker, spec.base, { kind: "company_alert", crossing: 0, substance: 0, day: 0 }),
    links: links.map((l) => [l.a, l.b]),
    linkings,
    merges,
    probes,
    baseWord: spec.base,
  };
}

/** The facts the visibility rule looks at, as they stand in the database after the world was made. */
async function readFacts(ids: string[]): Promise<Map<string, ModelNotice>> {
  const rows = await db
    .select({ id: notices.id, authorId: notices.authorId, agencyId: notices.agencyId, tlp: notices.tlp, status: notices.status })
    .from(notices)
    .where(inArray(notices.id, ids));
  const of = async <T extends { noticeId: string }>(query: Promise<T[]>) => {
    const byNotice = new Map<string, T[]>();
    for (const row of await query) byNotice.set(row.noticeId, [...(byNotice.get(row.noticeId) ?? []), row]);
    return byNotice;
  };
  const agencies = await of(db.select().from(noticeReleaseAgencies).where(inArray(noticeReleaseAgencies.noticeId, ids)));
  const countries = await of(db.select().from(noticeReleaseCountries).where(inArray(noticeReleaseCountries.noticeId, ids)));
  const recipients = await of(db.select().from(noticeRecipients).where(inArray(noticeRecipients.noticeId, ids)));
  const reports = await of(
    db.select({ noticeId: noticeReports.noticeId, reporterId: noticeReports.reporterId }).from(noticeReports).where(inArray(noticeReports.noticeId, ids)),
  );
  return new Map(
    rows.map((r) => {
      const readers = (recipients.get(r.id) ?? []).map((x) => x.userId);
      const notice: ModelNotice = {
        ...r,
        agencies: (agencies.get(r.id) ?? []).map((x) => x.agencyId),
        countries: (countries.get(r.id) ?? []).map((x) => x.countryCode),
        recipients: readers,
        reported: (reports.get(r.id) ?? []).some((x) => readers.includes(x.reporterId)),
      };
      return [r.id, notice];
    }),
  );
}

/** Removes what one random world of a property test wrote (its notices, with their rows by cascade, and its users), so the next world starts clean. */
export async function removeWorld(noticeIds: string[], userIds: string[]): Promise<void> {
  await db.delete(notices).where(inArray(notices.id, noticeIds));
  await db.delete(users).where(inArray(users.id, userIds));
}
