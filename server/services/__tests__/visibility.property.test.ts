import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { agencies, apiKeys, noticeLinks, notices, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { NOTICE_STATUSES, TLP_LEVELS, type NoticeStatus, type Tlp } from "~/schemas/notice-enums";
import { API_SCOPES } from "~/schemas/api-key-enums";
import { mintApiKey } from "~/server/auth/api-keys";
import type { Role } from "~/server/auth/roles";
import { linkPair } from "~/server/services/notices/link-pair";
import { visibleToUsers } from "~/server/services/visibility";
import { callApi } from "~/tests/api";
import { callerFor } from "~/tests/callers";
import { insertAudience } from "~/tests/model-notices";
import { mayRead, type ModelNotice, type ModelUser } from "~/tests/visibility-model";
import { AGENCIES, removeWorld } from "~/tests/visibility-world";

// Random small worlds, each read through detail, links, the API and the set-based form. Every
// other surface is read from one larger world by the visibility-*.property.test.ts files.

// A small world with every relationship that matters: the agencies of the world below (two in one
// country, one in another, and UNODC, which belongs to no country), random users and notices.
const ROLES: Role[] = ["analyst", "chief", "agency_admin", "coordinator", "admin"];

// Mostly active users; a disabled one must read nothing through the set-based form (fan-out,
// digests), where no session has vouched for them.
// Some users are service accounts: they read through an API key only, never through a session.
const userArb = fc.record({
  agency: fc.constantFrom(...AGENCIES),
  role: fc.constantFrom(...ROLES),
  active: fc.nat({ max: 4 }).map((n) => n > 0),
  service: fc.nat({ max: 2 }).map((n) => n === 0),
});
const noticeArb = (userCount: number) =>
  fc.record({
    author: fc.nat({ max: userCount - 1 }),
    tlp: fc.constantFrom(...TLP_LEVELS),
    status: fc.constantFrom(...NOTICE_STATUSES),
    agencies: fc.subarray(AGENCIES.map((a) => a.id)),
    countries: fc.subarray(["KZ", "KG", "TJ"]),
    recipients: fc.array(fc.nat({ max: userCount - 1 }), { maxLength: 2 }),
    reporter: fc.oneof(fc.constant("none" as const), fc.constant("recipient" as const), fc.nat({ max: userCount - 1 })),
  });
const worldArb = fc
  .array(userArb, { minLength: 2, maxLength: 6 })
  .chain((us) => fc.tuple(fc.constant(us), fc.array(noticeArb(us.length), { minLength: 1, maxLength: 12 })));
type UserSpec = typeof userArb extends fc.Arbitrary<infer T> ? T : never;
type NoticeSpec = ReturnType<typeof noticeArb> extends fc.Arbitrary<infer T> ? T : never;

/** A service account's key with every scope, as an agency admin would issue it. */
async function serviceAccountKey(userId: string, agencyId: string): Promise<string> {
  await db.update(users).set({ serviceAccount: true }).where(eq(users.id, userId));
  const { token, prefix, secretHash } = mintApiKey();
  await db.insert(apiKeys).values({ prefix, secretHash, userId, agencyId, scopes: [...API_SCOPES], expiresAt: new Date(Date.now() + 3_600_000) });
  return token;
}

/** The generated users, their service accounts' keys and each as the model sees them. */
async function createPeople(userSpecs: UserSpec[]) {
  const people = await Promise.all(
    userSpecs.map((u) => createUser(db, { agencyId: u.agency.id, role: u.role, password: null, status: u.active ? "active" : "disabled" })),
  );
  const keys = new Map<string, string>();
  for (const [i, spec] of userSpecs.entries()) if (spec.service) keys.set(people[i]!.id, await serviceAccountKey(people[i]!.id, spec.agency.id));
  const model: ModelUser[] = people.map((p, i) => ({
    id: p.id,
    agencyId: p.agencyId,
    country: userSpecs[i]!.agency.country,
    role: p.role,
    active: userSpecs[i]!.active,
  }));
  return { people, keys, model };
}

/** One generated notice with its release lists, recipients and report, linked to the hub. */
async function createNotice(model: ModelUser[], spec: NoticeSpec, title: string, hub: { id: string; authorId: string }): Promise<ModelNotice> {
  const author = model[spec.author]!;
  // Arrest-free rows: the predicate does not look at the kind, and seizures allow every marking.
  const [inserted] = await db
    .insert(notices)
    .values(row(author, spec.tlp, spec.status, title))
    .returning({ id: notices.id });
  const id = inserted!.id;
  const generated = await insertAudience(id, author, spec, model);
  await db.insert(noticeLinks).values({ ...linkPair(hub.id, id), createdById: hub.authorId });
  return generated;
}

/** Fan-out and digests: the same rule for every user in one statement. */
async function expectSetBasedReads(model: ModelUser[], generated: ModelNotice[]) {
  const pairs = await db
    .select({ userId: users.id, noticeId: notices.id })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .innerJoin(notices, visibleToUsers())
    .where(
      and(
        inArray(
          users.id,
          model.map((u) => u.id),
        ),
        inArray(
          notices.id,
          generated.map((n) => n.id),
        ),
      ),
    );
  const expectedPairs = model.flatMap((u) => generated.filter((n) => mayRead(u, n)).map((n) => `${u.id} ${n.id}`));
  expect(new Set(pairs.map((p) => `${p.userId} ${p.noticeId}`))).toEqual(new Set(expectedPairs));
}

/**
 * The API as a key sees it (a disabled service account's key is refused outright): the list under
 * each status holds exactly the readable notices of that status, and reading one answers 200
 * exactly when it is readable, else the 404 of a notice that does not exist.
 */
async function expectApiReads(token: string, generated: ModelNotice[], expected: Set<string>) {
  const ours = new Set(generated.map((n) => n.id));
  const missing = await callApi("getNotice", { token, params: { id: randomUUID() } });
  if (missing.status === 401) return expect(expected.size, "a refused key would hide readable notices").toBe(0);
  const statuses = [...new Set(generated.map((n) => n.status))];
  for (const status of statuses) {
    const page = await callApi("listNotices", { token, query: { status, limit: "100" } });
    const listed = (page.body!.items as { id: string }[]).map((item) => item.id).filter((id) => ours.has(id));
    expect(new Set(listed)).toEqual(new Set(generated.filter((n) => n.status === status && expected.has(n.id)).map((n) => n.id)));
  }
  for (const n of generated) {
    const answer = await callApi("getNotice", { token, params: { id: n.id } });
    if (expected.has(n.id)) expect(answer.status).toBe(200);
    else expect([answer.status, { ...answer.body, requestId: null }]).toEqual([404, { ...missing.body, requestId: null }]);
  }
}

/**
 * Through a session: detail is readable, or NOT_FOUND exactly like a notice that does not exist;
 * the hub lists exactly the linked notices this user may read.
 */
async function expectSessionReads(person: Parameters<typeof callerFor>[0], user: ModelUser, generated: ModelNotice[], expected: Set<string>, hubId: string) {
  const { caller } = await callerFor(person);
  for (const n of generated) {
    const outcome = await caller.notices.get({ id: n.id }).then(
      () => "read",
      (e: { code?: string }) => e.code,
    );
    expect([user.role, n.tlp, n.status, outcome]).toEqual([user.role, n.tlp, n.status, expected.has(n.id) ? "read" : "NOT_FOUND"]);
  }
  const { links } = await caller.notices.get({ id: hubId });
  expect(new Set(links.map((l) => l.id))).toEqual(expected);
}

describe("visibility, as a property", () => {
  it("for random users and notices, detail, links and the set-based form show each user exactly what the TLP rules allow", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ([userSpecs, noticeSpecs]) => {
        const { people, keys, model } = await createPeople(userSpecs);
        // The hub: a CLEAR notice everyone reads, linked to every generated notice, so the links
        // surface is exercised for each of them.
        const hubAuthor = model[0]!;
        const [hub] = await db
          .insert(notices)
          .values(row(hubAuthor, "clear", "published", "hub"))
          .returning({ id: notices.id });
        const generated: ModelNotice[] = [];
        for (const [i, spec] of noticeSpecs.entries()) generated.push(await createNotice(model, spec, `n${i}`, { id: hub!.id, authorId: hubAuthor.id }));

        try {
          await expectSetBasedReads(model, generated);
          for (const [i, user] of model.entries()) {
            const expected = new Set(generated.filter((n) => mayRead(user, n)).map((n) => n.id));
            const token = keys.get(user.id);
            if (token) await expectApiReads(token, generated, expected);
            // A disabled user has no session at all; the set-based check above covers them.
            else if (user.active) await expectSessionReads(people[i]!, user, generated, expected, hub!.id);
          }
        } finally {
          await removeWorld(
            [hub!.id, ...generated.map((n) => n.id)],
            people.map((p) => p.id),
          );
        }
      }),
      { numRuns: 25 },
    );
    // Twenty-five worlds of users and notices, each read through detail, links and the set-based
    // form: ~4 s on a quiet machine, 20 s on a busy one.
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
