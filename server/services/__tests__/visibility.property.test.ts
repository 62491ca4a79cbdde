import { randomUUID } from "node:crypto";
import { isTrackedEnvelope } from "@trpc/server";
import fc from "fast-check";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import {
  agencies,
  apiKeys,
  mailbox,
  mailItems,
  noticeEvents,
  noticeLinks,
  noticeReports,
  noticeRecipients,
  noticeReleaseAgencies,
  noticeReleaseCountries,
  notices,
  users,
} from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import { NOTICE_KINDS, NOTICE_STATUSES, TLP_LEVELS, type NoticeStatus, type Tlp } from "~/schemas/notice-enums";
import type { FeedFilters } from "~/schemas/notices";
import { API_SCOPES } from "~/schemas/api-key-enums";
import { TAXII_LIMIT_MAX } from "~/schemas/taxii";
import { createCaller } from "~/server/api/root";
import { mintApiKey } from "~/server/auth/api-keys";
import type { Role } from "~/server/auth/roles";
import { linkPair } from "~/server/services/notices/link-pair";
import { notificationsListener } from "~/server/services/notifications/listener";
import { visibleToUsers } from "~/server/services/visibility";
import { callApi } from "~/tests/api";
import { callerFor, refusal } from "~/tests/callers";
import { mayRead, type ModelNotice, type ModelUser } from "~/tests/visibility-model";
import {
  AGENCIES,
  buildWorld,
  CROSSINGS,
  removeWorld,
  DAYS,
  SUBSTANCES,
  worldArb as surfacesWorldArb,
  type World,
  type WorldNotice,
} from "~/tests/visibility-world";

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
    // Who reports it for moderation: nobody, its first recipient, or any user (who may not be one).
    reporter: fc.oneof(fc.constant("none" as const), fc.constant("recipient" as const), fc.nat({ max: userCount - 1 })),
  });
const worldArb = fc
  .array(userArb, { minLength: 2, maxLength: 6 })
  .chain((us) => fc.tuple(fc.constant(us), fc.array(noticeArb(us.length), { minLength: 1, maxLength: 12 })));

/** A service account's key with every scope, as an agency admin would issue it. */
async function serviceAccountKey(userId: string, agencyId: string): Promise<string> {
  await db.update(users).set({ serviceAccount: true }).where(eq(users.id, userId));
  const { token, prefix, secretHash } = mintApiKey();
  await db.insert(apiKeys).values({ prefix, secretHash, userId, agencyId, scopes: [...API_SCOPES], expiresAt: new Date(Date.now() + 3_600_000) });
  return token;
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

describe("visibility, as a property", () => {
  it("for random users and notices, detail, links and the set-based form show each user exactly what the TLP rules allow", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ([userSpecs, noticeSpecs]) => {
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
          const [inserted] = await db
            .insert(notices)
            .values(row(author, spec.tlp, spec.status, `n${i}`))
            .returning({ id: notices.id });
          const id = inserted!.id;
          if (spec.agencies.length) await db.insert(noticeReleaseAgencies).values(spec.agencies.map((agencyId) => ({ noticeId: id, agencyId })));
          if (spec.countries.length) await db.insert(noticeReleaseCountries).values(spec.countries.map((countryCode) => ({ noticeId: id, countryCode })));
          const recipients = [...new Set(spec.recipients.map((r) => model[r]!.id))];
          if (recipients.length) await db.insert(noticeRecipients).values(recipients.map((userId) => ({ noticeId: id, userId })));
          const reporter = spec.reporter === "none" ? null : spec.reporter === "recipient" ? (recipients[0] ?? null) : model[spec.reporter]!.id;
          if (reporter) await db.insert(noticeReports).values({ noticeId: id, reporterId: reporter, reason: REPORT_REASONS[0] });
          await db.insert(noticeLinks).values({ ...linkPair(hub!.id, id), createdById: hubAuthor.id });
          generated.push({
            id,
            authorId: author.id,
            agencyId: author.agencyId,
            tlp: spec.tlp,
            status: spec.status,
            agencies: spec.agencies,
            countries: spec.countries,
            recipients,
            reported: reporter !== null && recipients.includes(reporter),
          });
        }

        try {
          // Fan-out and digests: the same rule for every user in one statement.
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

          for (const [i, user] of model.entries()) {
            const expected = new Set(generated.filter((n) => mayRead(user, n)).map((n) => n.id));
            const token = keys.get(user.id);
            if (token) {
              await expectApiReads(token, generated, expected);
              continue;
            }
            // A disabled user has no session at all; the set-based check above covers them.
            if (!user.active) continue;
            const { caller } = await callerFor(people[i]!);
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
          await removeWorld(
            [hub!.id, ...generated.map((n) => n.id)],
            people.map((p) => p.id),
          );
        }
      }),
      { numRuns: 25 },
    );
    // Twenty-five worlds of users and notices, each read through detail, links and the set-based
    // form: ~4 s on a quiet machine, 20 s on a busy one. The other surfaces are read below, from
    // one larger world.
  }, 120_000);
});

// Every surface, from one generated world (tests/visibility-world.ts): each user is shown exactly
// what the model allows, and nothing of any other notice of the world (its id, its title, the
// marker word in its text and reasons, the word of its company or person name) ever reaches
// them. The world is random each run; VISIBILITY_SEED=<n> builds a given one again.
const SEED = Number(process.env.VISIBILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
type Reader = {
  user: World["users"][number];
  caller: Caller;
  viewer: Awaited<ReturnType<typeof callerFor>>["viewer"];
  may: (n: ModelNotice) => boolean;
  /** May read it, or could before it was merged away: then a merge may name it (item 3 of issue 13). */
  knew: (n: ModelNotice) => boolean;
  /** The notices of the world the reader may not know of: nothing of them may reach the reader. */
  hidden: WorldNotice[];
};

let world: World;
let all: WorldNotice[];
let readers: Reader[];

/**
 * What of the reader's hidden notices `value` lets through, each named with the reader's role and
 * the notice's marking and status. `ids: false` for a list of the reader's own choices (the
 * notices they watch), where the id is theirs already and only the content must go.
 */
function leaks(reader: Reader, value: unknown, { ids = true } = {}): string[] {
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
const eachReader = (check: (r: Reader) => Promise<void>) => Promise.all(readers.map(check));

const outcome = (call: Promise<unknown>) =>
  call.then(
    () => "read",
    (e: { code?: string }) => e.code ?? String(e),
  );
const missingId = randomUUID();

/** Every page of a cursor-paged procedure. */
async function pages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | number | null }>): Promise<T[]> {
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

const linkedTo = (id: string) => world.links.flatMap(([a, b]) => (a === id ? [b] : b === id ? [a] : []));
const byId = (id: string) => all.find((n) => n.id === id)!;
/**
 * How many relations of a notice the reader may be told of: each link made, whose other end they
 * may know; each merge into it, of a duplicate they could read. Each is one event: at most one
 * notification each, and a message line only if there is one.
 */
const linkingsTold = (r: Reader, id: string) => world.linkings.filter(([a, b]) => (a === id && r.knew(byId(b))) || (b === id && r.knew(byId(a)))).length;
const mergesTold = (r: Reader, id: string) => world.merges.filter((m) => m.survivorId === id && r.knew(byId(m.duplicateId))).length;
const survivors = () => new Set(world.merges.map((m) => m.survivorId));

describe(`visibility on every surface, from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  beforeAll(async () => {
    const [spec] = fc.sample(surfacesWorldArb, { numRuns: 1, seed: SEED });
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

  it("detail: readable exactly as the rules say; otherwise the same refusal as a notice that does not exist", async () => {
    await eachReader(async (r) => {
      const missing = await refusal(r.caller.notices.get({ id: missingId }));
      for (const n of all) {
        if (r.may(n)) {
          const shown = await r.caller.notices.get({ id: n.id });
          expect(leaks(r, shown)).toEqual([]);
        } else {
          expect([r.user.role, n.tlp, n.status, await refusal(r.caller.notices.get({ id: n.id }))]).toEqual([r.user.role, n.tlp, n.status, missing]);
        }
      }
    });
  });

  it("links both ways, history and versions, read log: only what the reader may read", async () => {
    await eachReader(async (r) => {
      for (const n of all) {
        if (!r.may(n)) {
          expect(await outcome(r.caller.notices.version({ id: n.id, version: 1 }))).toBe("NOT_FOUND");
          if (r.viewer.permissions.has("notice.read_log")) expect(await outcome(r.caller.notices.readLog({ id: n.id }))).toBe("NOT_FOUND");
          continue;
        }
        const { links, versions } = await r.caller.notices.get({ id: n.id });
        expect(new Set(links.map((l) => l.id))).toEqual(new Set(linkedTo(n.id).filter((other) => r.may(byId(other)))));
        for (const { version } of versions) {
          const old = await r.caller.notices.version({ id: n.id, version }).catch(() => null);
          expect(leaks(r, old)).toEqual([]);
        }
        if (r.viewer.permissions.has("notice.read_log")) expect(leaks(r, await r.caller.notices.readLog({ id: n.id }).catch(() => null))).toEqual([]);
      }
    });
  });

  it("feed, under every filter: exactly the readable notices that match", async () => {
    const filters: FeedFilters[] = [
      {},
      ...NOTICE_KINDS.map((kind) => ({ kind })),
      ...TLP_LEVELS.map((tlp) => ({ tlp })),
      ...NOTICE_STATUSES.map((status) => ({ status })),
      ...AGENCIES.map((a) => ({ agencyId: a.id })),
      ...CROSSINGS.map((c) => ({ crossingId: c.id })),
      ...CROSSINGS.map((c) => ({ countryCode: c.country })),
      ...SUBSTANCES.map((substanceId) => ({ substanceId })),
      { from: DAYS[1] },
      { to: DAYS[0] },
      { status: "retracted", tlp: "amber", kind: "seizure" },
    ];
    const matches = (n: WorldNotice, f: FeedFilters) =>
      n.status === (f.status ?? "published") &&
      (!f.kind || n.kind === f.kind) &&
      (!f.tlp || n.tlp === f.tlp) &&
      (!f.agencyId || n.agencyId === f.agencyId) &&
      (!f.crossingId || n.crossingId === f.crossingId) &&
      (!f.countryCode || n.countryCode === f.countryCode) &&
      (!f.substanceId || n.substanceId === f.substanceId) &&
      (!f.from || n.occurredOn >= f.from) &&
      (!f.to || n.occurredOn <= f.to);
    const worldIds = new Set(all.map((n) => n.id));
    await eachReader(async (r) => {
      for (const f of filters) {
        const items = await pages((cursor) => r.caller.notices.feed({ filters: f, cursor, limit: 100 }));
        expect(leaks(r, items)).toEqual([]);
        const shown = new Set(items.map((i) => i.id).filter((id) => worldIds.has(id)));
        expect([f, shown]).toEqual([f, new Set(all.filter((n) => r.may(n) && matches(n, f)).map((n) => n.id))]);
      }
    });
  });

  it("exports: STIX, CSV, TAXII and Form D carry exactly the notices the reader may read, and refuse a hidden one like a missing one", async () => {
    const worldIds = new Set(all.map((n) => n.id));
    const named = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((m) => m[1]!).filter((id) => worldIds.has(id)));
    const inStix = (bundle: unknown) => named(JSON.stringify(bundle), /"notice_id":"([0-9a-f-]{36})"/g);
    const inCsv = (csv: string) => named(csv, /\r\n[^,]*,([0-9a-f-]{36}),/g);
    const countries = [...new Set(CROSSINGS.map((c) => c.country))];
    await eachReader(async (r) => {
      // The feed's export: the feed's default (published notices), through the same rule.
      const published = new Set(all.filter((n) => r.may(n) && n.status === "published").map((n) => n.id));
      const { bundle } = await r.caller.exports.stix({ scope: "feed", filters: {} });
      const { csv } = await r.caller.exports.csv({ scope: "feed", filters: {} });
      expect(leaks(r, bundle)).toEqual([]);
      expect(leaks(r, csv)).toEqual([]);
      expect([r.user.role, inStix(bundle)]).toEqual([r.user.role, published]);
      expect([r.user.role, inCsv(csv)]).toEqual([r.user.role, published]);
      // The TAXII collection, followed page by page to its end: the same published notices.
      const taxii: unknown[] = [];
      for (let next: string | undefined, more = true; more;) {
        const page = await r.caller.exports.taxii({ limit: TAXII_LIMIT_MAX, next });
        taxii.push(page.entries);
        ({ more } = page);
        next = page.next ?? undefined;
      }
      expect(leaks(r, taxii)).toEqual([]);
      expect([r.user.role, inStix(taxii)]).toEqual([r.user.role, published]);
      const missing = await refusal(r.caller.exports.stix({ scope: "notice", id: missingId }));
      for (const n of all) {
        if (r.may(n)) expect(inStix((await r.caller.exports.stix({ scope: "notice", id: n.id })).bundle)).toEqual(new Set([n.id]));
        else
          expect([r.user.role, n.tlp, n.status, await refusal(r.caller.exports.csv({ scope: "notice", id: n.id }))]).toEqual([
            r.user.role,
            n.tlp,
            n.status,
            missing,
          ]);
      }
      for (const countryCode of countries) {
        const report = await r.caller.exports.formD({ countryCode, year: 2026, as: "page" });
        expect(leaks(r, report)).toEqual([]);
        const counted = new Set(
          [...report.tableI, ...report.tableII].flatMap((line) => line.noticeIds).concat(report.nonScheduled.map((item) => item.noticeId)),
        );
        const expected = all.filter((n) => r.may(n) && n.kind === "seizure" && n.status === "published" && n.countryCode === countryCode).map((n) => n.id);
        expect([r.user.role, countryCode, counted]).toEqual([r.user.role, countryCode, new Set(expected)]);
      }
    });
  });

  it("search: results, their number and spelling suggestions say nothing of what the reader may not read", async () => {
    const worldIds = new Set(all.map((n) => n.id));
    const search = async (r: Reader, q: string) => {
      const items = await pages((cursor) => r.caller.notices.search({ q, cursor, limit: 100 }));
      expect(leaks(r, items)).toEqual([]);
      return new Set(items.map((i) => i.id).filter((id) => worldIds.has(id)));
    };
    expect(world.probes.length).toBeGreaterThan(0);
    await eachReader(async (r) => {
      for (const n of all) {
        const released = n.status === "published" || n.status === "retracted";
        expect([n.tlp, n.status, await search(r, n.marker)]).toEqual([n.tlp, n.status, new Set(r.may(n) && released ? [n.id] : [])]);
      }
      // A name word only a hidden notice holds is answered as a word that occurs nowhere, one
      // letter away from the same visible name: the same suggestions, so the same results.
      for (const probe of world.probes.filter((p) => !r.knew(byId(p.noticeId)))) {
        const control = await search(r, probe.control);
        expect(control).toContain(world.hub.id);
        const n = byId(probe.noticeId);
        expect([r.user.role, n.tlp, n.status, await search(r, probe.word)]).toEqual([r.user.role, n.tlp, n.status, control]);
      }
    });
  });

  it("the notice picker: by the start of a title's word or by the id, exactly the notices the reader may read, never one merged away", async () => {
    const worldIds = new Set(all.map((n) => n.id));
    await eachReader(async (r) => {
      for (const n of all) {
        const expected = r.may(n) && n.status !== "merged" ? [n.id] : [];
        for (const q of [n.marker.slice(0, -1), n.id]) {
          const rows = await r.caller.notices.pick({ q });
          expect(leaks(r, rows)).toEqual([]);
          expect([r.user.role, n.tlp, n.status, rows.map((row) => row.id).filter((id) => worldIds.has(id))]).toEqual([r.user.role, n.tlp, n.status, expected]);
        }
      }
    });
  });

  it("similar-company suggestions: only alerts the writer may read", async () => {
    const names = all.flatMap((n) => (n.kind === "company_alert" ? [`${n.nameWord} Logistics`] : []));
    for (const r of readers.filter((x) => x.viewer.permissions.has("notice.create"))) {
      for (let i = 0; i < names.length; i += 10) {
        const similar = await r.caller.notices.similarCompanies({ names: names.slice(i, i + 10) });
        expect(leaks(r, similar)).toEqual([]);
      }
      expect((await r.caller.notices.similarCompanies({ names: [`${world.baseWord} Trading`] })).map((s) => s.id)).toContain(world.hub.id);
    }
  });

  it("notifications: the list, the unread count, the header's bell and the SSE stream name only readable notices and relations", async () => {
    let told = 0;
    for (const r of readers) {
      const items = await pages((cursor) => r.caller.notifications.list({ cursor: cursor === undefined ? undefined : Number(cursor), limit: 50 }));
      told += items.length;
      expect(leaks(r, items)).toEqual([]);
      for (const item of items) expect([item.kind, r.may(byId(item.notice.id))]).toEqual([item.kind, true]);
      for (const n of all) {
        const about = (kind: string) => items.filter((i) => i.kind === kind && i.notice.id === n.id).length;
        expect(["linked", n.tlp, n.status, about("linked")]).toEqual(["linked", n.tlp, n.status, Math.min(about("linked"), linkingsTold(r, n.id))]);
        if (survivors().has(n.id)) expect(["merged into", about("moderated")]).toEqual(["merged into", Math.min(about("moderated"), mergesTold(r, n.id))]);
      }
      expect(await r.caller.notifications.unreadCount()).toBe(items.filter((i) => i.readAt === null).length);
      // Every page's header: the same count, and its stream starts at the newest readable id.
      expect(await r.caller.notifications.bell()).toEqual({
        unread: items.filter((i) => i.readAt === null).length,
        latestId: Math.max(0, ...items.map((i) => i.id)),
      });

      // The stream, as the SSE handler runs it for a client that last saw notification 1.
      const abort = new AbortController();
      const stream = createCaller({ viewer: r.viewer, ip: "127.0.0.1", requestId: randomUUID() }, { signal: abort.signal });
      const iterator = (await stream.notifications.onNew({ lastEventId: "1" }))[Symbol.asyncIterator]();
      const expected = items
        .filter((i) => i.id > 1)
        .map((i) => i.id)
        .sort((a, b) => a - b);
      const streamed: number[] = [];
      for (;;) {
        const next = await Promise.race([
          iterator.next(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), streamed.length < expected.length ? 5_000 : 300)),
        ]);
        if (next === null || next.done) break;
        const envelope: unknown = next.value;
        if (!isTrackedEnvelope(envelope)) throw new Error("the stream yielded an untracked event");
        expect(leaks(r, envelope)).toEqual([]);
        streamed.push(Number(envelope[0]));
      }
      abort.abort();
      expect(streamed).toEqual(expected);
    }
    expect(told).toBeGreaterThan(0);
  });

  it("instant mail and digests: each recipient's messages name only notices and relations they may read", async () => {
    let sent = 0;
    for (const r of readers) {
      // Queued: one item per event and channel, so relations are counted as notifications are.
      const queued = await db
        .select({ noticeId: mailItems.noticeId, kind: noticeEvents.kind })
        .from(mailItems)
        .innerJoin(noticeEvents, eq(noticeEvents.id, mailItems.eventId))
        .where(eq(mailItems.userId, r.user.id));
      for (const n of all) {
        const about = (kind: string) => queued.filter((q) => q.kind === kind && q.noticeId === n.id).length;
        expect(["linked", n.tlp, n.status, about("linked")]).toEqual(["linked", n.tlp, n.status, Math.min(about("linked"), linkingsTold(r, n.id))]);
        if (survivors().has(n.id)) expect(["merged into", about("moderated")]).toEqual(["merged into", Math.min(about("moderated"), mergesTold(r, n.id))]);
      }
      // Rendered: what each message says.
      const mails = await db.select().from(mailbox).where(eq(mailbox.userId, r.user.id)).orderBy(asc(mailbox.id));
      sent += mails.length;
      for (const mail of mails) {
        expect(leaks(r, [mail.subject, mail.text, mail.html, mail.headers])).toEqual([]);
        for (const entry of mail.text.split("\n\n")) {
          const id = entry.match(/\/notices\/([0-9a-f-]{36})/)?.[1];
          if (!id || !all.some((n) => n.id === id)) continue;
          const labels = entry.split("\n")[0]!;
          if (labels.includes("Linked to another notice")) expect([labels, linkingsTold(r, id)]).not.toEqual([labels, 0]);
          if (labels.includes("Moderated") && survivors().has(id)) expect([labels, mergesTold(r, id)]).not.toEqual([labels, 0]);
        }
      }
    }
    expect(sent).toBeGreaterThan(0);
  });

  it("moderation: queue, review, quality signals, log, pins and credits", async () => {
    await eachReader(async (r) => {
      if (r.viewer.permissions.has("moderation.review")) {
        expect(leaks(r, await r.caller.moderation.queue())).toEqual([]);
        expect(leaks(r, await r.caller.moderation.quality())).toEqual([]);
        const missing = await refusal(r.caller.moderation.review({ id: missingId }));
        for (const n of all) {
          if (r.may(n)) expect(leaks(r, await r.caller.moderation.review({ id: n.id }))).toEqual([]);
          else expect(await refusal(r.caller.moderation.review({ id: n.id }))).toEqual(missing);
        }
      }
      if (r.viewer.permissions.has("moderation.log")) {
        const log = await pages((cursor) => r.caller.moderation.log({ cursor, limit: 100 }));
        expect(leaks(r, log)).toEqual([]);
        for (const n of r.hidden) expect(await r.caller.moderation.log({ noticeId: n.id })).toEqual({ items: [], nextCursor: null });
      }
      expect(leaks(r, await r.caller.moderation.pinned())).toEqual([]);
      for (const n of all) expect(leaks(r, await r.caller.moderation.credits({ id: n.id }))).toEqual([]);
    });
  });

  it("merge redirect: a merged notice's address leads on only for a reader who could read it", async () => {
    expect(world.merges.length).toBeGreaterThan(0);
    for (const r of readers) {
      const missing = await outcome(r.caller.moderation.redirect({ id: missingId }).then((x) => x.id));
      for (const { duplicateId, survivorId } of world.merges) {
        const duplicate = byId(duplicateId);
        const answer = await r.caller.moderation.redirect({ id: duplicateId }).then(
          (x) => x.id,
          (e: { code?: string }) => e.code,
        );
        if (!r.knew(duplicate)) expect([duplicate.tlp, r.user.role, answer]).toEqual([duplicate.tlp, r.user.role, missing === "read" ? null : missing]);
        else if (answer) expect(answer === survivorId && r.may(byId(survivorId))).toBe(true);
      }
    }
  });

  it("watches: a reader's list of followed notices names only what they may read", async () => {
    for (const r of readers) expect(leaks(r, await r.caller.subscriptions.list(), { ids: false })).toEqual([]);
  });

  it("audit views: the trail and the agency's reads show nothing of a notice the viewer may not read", async () => {
    for (const r of readers) {
      if (r.viewer.permissions.has("audit.search")) expect(leaks(r, await pages((cursor) => r.caller.audit.search({ cursor, limit: 200 })))).toEqual([]);
      if (r.viewer.permissions.has("notice.read_log"))
        expect(leaks(r, await pages((cursor) => r.caller.audit.agencyReads({ cursor, limit: 200 })))).toEqual([]);
    }
  });

  it("admin mailbox: the stored mail of others shows nothing of a notice the admin may not read", async () => {
    for (const r of readers.filter((x) => x.viewer.permissions.has("mail.admin"))) {
      const list = await pages(async (before) => {
        const page = await r.caller.mail.mailbox({ before: before === undefined ? undefined : Number(before) });
        return { items: page.messages, nextCursor: page.next };
      });
      expect(list.length).toBeGreaterThan(0);
      expect(leaks(r, list)).toEqual([]);
      for (const { id } of list) expect(leaks(r, await r.caller.mail.message({ id }))).toEqual([]);
    }
  });
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
