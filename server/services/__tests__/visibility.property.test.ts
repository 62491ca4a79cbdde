import fc from "fast-check";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { agencies, noticeLinks, noticeReports, noticeRecipients, noticeReleaseAgencies, noticeReleaseCountries, notices, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import { NOTICE_STATUSES, TLP_LEVELS, type NoticeStatus, type Tlp } from "~/schemas/notice-enums";
import type { Role } from "~/server/auth/roles";
import { visibleToUsers } from "~/server/services/visibility";
import { callerFor } from "~/tests/callers";

// The TLP rules of the issue, written independently of the SQL predicate, as the oracle.
type ModelUser = { id: string; agencyId: string; country: string | null; role: Role; active: boolean };
type ModelNotice = {
  id: string;
  authorId: string;
  agencyId: string;
  tlp: Tlp;
  status: NoticeStatus;
  agencies: string[];
  countries: string[];
  recipients: string[];
  /** Reported for moderation by one of its recipients. */
  reported: boolean;
};

function mayRead(user: ModelUser, n: ModelNotice): boolean {
  if (!user.active) return false;
  if (n.authorId === user.id) return true;
  if (n.status === "pending_release") return user.role === "chief" && user.agencyId === n.agencyId && n.tlp !== "red";
  if (["pending_review", "changes_requested", "rejected", "merged"].includes(n.status)) return user.role === "coordinator" && n.tlp !== "red";
  if (n.status !== "published" && n.status !== "retracted") return false;
  if (user.role === "coordinator" && (n.tlp !== "red" || n.reported)) return true;
  switch (n.tlp) {
    case "clear":
    case "green":
      return true;
    case "amber":
      return user.agencyId === n.agencyId || n.agencies.includes(user.agencyId) || (user.country !== null && n.countries.includes(user.country));
    case "amber_strict":
      return user.agencyId === n.agencyId || n.agencies.includes(user.agencyId);
    case "red":
      return n.recipients.includes(user.id);
  }
}

// A small world with every relationship that matters: two agencies in one country, one in
// another, and UNODC, which belongs to no country.
const AGENCIES = [
  { id: "kz-sgd-customs", country: "KZ" },
  { id: "kz-border-service", country: "KZ" },
  { id: "kg-customs", country: "KG" },
  { id: "unodc-roca", country: null },
] as const;
const ROLES: Role[] = ["analyst", "chief", "agency_admin", "coordinator", "admin"];

// Mostly active users; a disabled one must read nothing through the set-based form (fan-out,
// digests), where no session has vouched for them.
const userArb = fc.record({ agency: fc.constantFrom(...AGENCIES), role: fc.constantFrom(...ROLES), active: fc.nat({ max: 4 }).map((n) => n > 0) });
const noticeArb = (userCount: number) =>
  fc.record({
    author: fc.nat({ max: userCount - 1 }),
    tlp: fc.constantFrom(...TLP_LEVELS),
    status: fc.constantFrom(...NOTICE_STATUSES),
    agencies: fc.subarray(AGENCIES.map((a) => a.id)),
    countries: fc.subarray(["KZ", "KG", "TJ"]),
    recipients: fc.array(fc.nat({ max: userCount - 1 }), { maxLength: 2 }),
    // Who reports it for moderation: nobody, its first recipient, or any user (who may not be one).
    reporter: fc.oneof(fc.constant("none" as const), fc.constant("recipient" as const), fc.nat({ max: userCount - 1 })),
  });
const worldArb = fc.array(userArb, { minLength: 2, maxLength: 6 }).chain((us) => fc.tuple(fc.constant(us), fc.array(noticeArb(us.length), { minLength: 1, maxLength: 12 })));

describe("visibility, as a property", () => {
  it("for random users and notices, every surface shows each user exactly what the TLP rules allow", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ([userSpecs, noticeSpecs]) => {
        const people = await Promise.all(
          userSpecs.map((u) => createUser(db, { agencyId: u.agency.id, role: u.role, password: null, status: u.active ? "active" : "disabled" })),
        );
        const model: ModelUser[] = people.map((p, i) => ({ id: p.id, agencyId: p.agencyId, country: userSpecs[i]!.agency.country, role: p.role, active: userSpecs[i]!.active }));
        // The hub: a CLEAR notice everyone reads, linked to every generated notice, so the links
        // surface is exercised for each of them.
        const hubAuthor = model[0]!;
        const [hub] = await db
          .insert(notices)
          .values(row(hubAuthor, "clear", "published", "hub"))
          .returning({ id: notices.id });
        const generated: ModelNotice[] = [];
        for (const [i, spec] of noticeSpecs.entries()) {
          const author = model[spec.author]!;
          // Arrest-free rows: the predicate does not look at the kind, and seizures allow every marking.
          const [inserted] = await db.insert(notices).values(row(author, spec.tlp, spec.status, `n${i}`)).returning({ id: notices.id });
          const id = inserted!.id;
          if (spec.agencies.length) await db.insert(noticeReleaseAgencies).values(spec.agencies.map((agencyId) => ({ noticeId: id, agencyId })));
          if (spec.countries.length) await db.insert(noticeReleaseCountries).values(spec.countries.map((countryCode) => ({ noticeId: id, countryCode })));
          const recipients = [...new Set(spec.recipients.map((r) => model[r]!.id))];
          if (recipients.length) await db.insert(noticeRecipients).values(recipients.map((userId) => ({ noticeId: id, userId })));
          const reporter = spec.reporter === "none" ? null : spec.reporter === "recipient" ? (recipients[0] ?? null) : model[spec.reporter]!.id;
          if (reporter) await db.insert(noticeReports).values({ noticeId: id, reporterId: reporter, reason: REPORT_REASONS[0] });
          const pair = hub!.id < id ? { noticeA: hub!.id, noticeB: id } : { noticeA: id, noticeB: hub!.id };
          await db.insert(noticeLinks).values({ ...pair, createdById: hubAuthor.id });
          generated.push({ id, authorId: author.id, agencyId: author.agencyId, tlp: spec.tlp, status: spec.status, agencies: spec.agencies, countries: spec.countries, recipients, reported: reporter !== null && recipients.includes(reporter) });
        }

        try {
          // Fan-out and digests: the same rule for every user in one statement.
          const pairs = await db
            .select({ userId: users.id, noticeId: notices.id })
            .from(users)
            .innerJoin(agencies, eq(agencies.id, users.agencyId))
            .innerJoin(notices, visibleToUsers())
            .where(and(inArray(users.id, model.map((u) => u.id)), inArray(notices.id, generated.map((n) => n.id))));
          const expectedPairs = model.flatMap((u) => generated.filter((n) => mayRead(u, n)).map((n) => `${u.id} ${n.id}`));
          expect(new Set(pairs.map((p) => `${p.userId} ${p.noticeId}`))).toEqual(new Set(expectedPairs));

          for (const [i, user] of model.entries()) {
            // A disabled user has no session at all; the set-based check above covers them.
            if (!user.active) continue;
            const { caller } = await callerFor(people[i]!);
            const expected = new Set(generated.filter((n) => mayRead(user, n)).map((n) => n.id));
            // Detail: readable, or NOT_FOUND exactly like a notice that does not exist.
            for (const n of generated) {
              const outcome = await caller.notices.get({ id: n.id }).then(
                () => "read",
                (e: { code?: string }) => e.code,
              );
              expect([user.role, n.tlp, n.status, outcome]).toEqual([user.role, n.tlp, n.status, expected.has(n.id) ? "read" : "NOT_FOUND"]);
            }
            // Links: the hub lists exactly the linked notices this user may read.
            const { links } = await caller.notices.get({ id: hub!.id });
            expect(new Set(links.map((l) => l.id))).toEqual(expected);
          }
        } finally {
          const ids = [hub!.id, ...generated.map((n) => n.id)];
          await db.delete(notices).where(inArray(notices.id, ids));
          await db.delete(users).where(inArray(users.id, people.map((p) => p.id)));
        }
      }),
      { numRuns: 50 },
    );
    // Fifty worlds of users and notices, each read through every surface: ~7 s on a quiet machine,
    // three times that on a busy one.
  }, 120_000);
});

function row(author: ModelUser, tlp: Tlp, status: NoticeStatus, title: string): typeof notices.$inferInsert {
  return {
    kind: "seizure",
    title,
    occurredOn: "2026-01-01",
    crossingId: "torugart",
    countryCode: "KG",
    agencyId: author.agencyId,
    authorId: author.id,
    tlp,
    status,
    sourceReliability: "B",
    infoCredibility: 2,
    handlingCode: "intelligence_only",
    publishedAt: status === "published" || status === "retracted" ? new Date() : null,
  };
}
