import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createAgency, createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { can, type Permission } from "~/server/auth/permissions";
import type { Role } from "~/server/auth/roles";
import { encodeCursor } from "~/server/services/notices/cursor";
import { callerFor } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { procedureOf, procedures } from "~/tests/procedures";

// Whatever a client sends, a procedure answers with success or a 4xx the form can show (invalid,
// not found, conflict ...), never a 500 that says "retry" to a request that can never succeed.
// Each procedure gets a valid sample input, then every string and number in it is replaced, one at
// a time, by what PostgreSQL would refuse: NUL, lone surrogates, huge lengths, numbers beyond the
// column, dates outside PostgreSQL's calendar or the platform's.

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// The caller of each procedure is the first of these roles that holds its permission: the author's
// own agency first, so edits and reads of the sample notices reach the database.
const ROLE_ORDER: Role[] = ["analyst", "chief", "coordinator", "admin", "agency_admin"];

/** How a string leaf is spoilt: appended to what was there, or in its place. */
type BadText = { mode: "append" | "replace"; text: string };
type Hostile = { text: BadText; number: number; date: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const spoil = (original: string, bad: BadText) => (bad.mode === "append" ? original + bad.text : bad.text);

// Every generated string carries something the database refuses, or is far too long: a hostile
// value that happened to be valid would only change the world the next calls run in.
const badChar = fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF");
const badText: fc.Arbitrary<BadText> = fc.oneof(
  fc.record({
    mode: fc.constantFrom("append" as const, "replace" as const),
    text: fc.tuple(fc.string({ maxLength: 8 }), badChar, fc.string({ maxLength: 8 })).map((parts) => parts.join("")),
  }),
  fc.record({ mode: fc.constant("replace" as const), text: fc.integer({ min: 10_001, max: 200_000 }).map((n) => "x".repeat(n)) }),
);
const badNumber = fc.oneof(
  fc.constantFrom(1e9, 2 ** 31, 2 ** 40, 2 ** 53, 2 ** 63, -1, -(2 ** 31) - 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, 1e-9),
  fc.double(),
);
const badDate = fc.oneof(
  fc.constantFrom("0000-01-01", "99999-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "0001-01-01", "9999-12-31"),
  fc.integer({ min: -9999, max: 99999 }).map((year) => `${year < 0 ? "-" : ""}${String(Math.abs(year)).padStart(4, "0")}-06-15`),
);

// The cases of the issue, run every time before the generated ones.
const EXAMPLES: Hostile[] = [
  { text: { mode: "append", text: "\u0000" }, number: 1e9, date: "0000-01-01" },
  { text: { mode: "append", text: "\uD800" }, number: 2 ** 40, date: "99999-01-01" },
  { text: { mode: "replace", text: "x".repeat(100_000) }, number: Number.NaN, date: "1899-12-31" },
  { text: { mode: "replace", text: "a\uDFFFb" }, number: Number.POSITIVE_INFINITY, date: "2101-01-01" },
  { text: { mode: "replace", text: "\u0000" }, number: -1, date: "9999-12-31" },
  { text: { mode: "append", text: "\u0000x" }, number: 2 ** 31, date: "0001-01-01" },
];

// Kept small: every run calls the procedure once per leaf of its samples (up to ~60 for notices.create).
const GENERATED_RUNS = 4;

type Leaf = { path: (string | number)[]; value: string | number };

function leavesOf(value: Json, path: (string | number)[] = []): Leaf[] {
  if (typeof value === "string" || typeof value === "number") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...path, key]));
  return [];
}

function withLeaf(root: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, Json>;
  copy[head!] = withLeaf(copy[head!]!, rest, replacement);
  return copy as Json;
}

/** The spoilt inputs of one sample: each leaf replaced in turn. */
function variants(sample: Json, hostile: Hostile): { where: string; input: Json }[] {
  return leavesOf(sample).flatMap(({ path, value }) => {
    const where = path.join(".") || "(input)";
    if (typeof value === "number") return [{ where, input: withLeaf(sample, path, hostile.number) }];
    const spoilt = [{ where, input: withLeaf(sample, path, spoil(value, hostile.text)) }];
    if (ISO_DATE.test(value)) spoilt.push({ where, input: withLeaf(sample, path, hostile.date) });
    return spoilt;
  });
}

/** The HTTP status a client would get, or 200. */
async function statusOf(caller: Caller, path: string, input: Json): Promise<{ status: number; detail: string }> {
  try {
    const result = await procedureOf(caller, path)(input);
    // A subscription hands back its stream once its input is accepted; nothing to read from it here.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) await (result as AsyncGenerator).return(undefined);
    return { status: 200, detail: "ok" };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { status: 500, detail: `not a TRPCError: ${String(error)}` };
    const cause = error.cause instanceof Error ? error.cause.message.split("\n")[0]!.slice(0, 160) : "";
    return { status: getHTTPStatusCodeFromError(error), detail: `${error.code} ${cause}` };
  }
}

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const users = Object.fromEntries(
    await Promise.all(
      ROLE_ORDER.map(async (role) => {
        const agencyId = role === "coordinator" || role === "admin" ? "unodc-roca" : "kz-sgd-customs";
        return [role, await createUser(db, { agencyId, role })] as const;
      }),
    ),
  ) as Record<Role, Awaited<ReturnType<typeof createUser>>>;
  const callers = Object.fromEntries(await Promise.all(ROLE_ORDER.map(async (role) => [role, (await callerFor(users[role])).caller] as const))) as Record<
    Role,
    Caller
  >;
  const author = callers.analyst;
  const seizure = await createThrough(author, seizureInput());
  const duplicate = await createThrough(author, seizureInput({ title: "Same seizure, reported twice" }));
  const company = await createThrough(author, companyInput());
  const arrest = await createThrough(author, arrestInput());
  const draft = await createThrough(author, seizureInput(), { asDraft: true });
  const invited = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", status: "invited", password: null });
  const agency = await createAgency(db);
  const subscription = await author.subscriptions.create({ filter: { crossingIds: ["torugart"] }, delivery: "daily" });
  return { callers, users, seizure, duplicate, company, arrest, draft, invited, agency, subscription };
}

/** A valid input of every procedure that takes one, as its form or page would send it. */
function samplesOf(w: World): Record<string, Json[]> {
  const cursor = encodeCursor({ at: new Date("2026-03-14T10:00:00Z"), id: w.seizure.id });
  const reason = "Checked against the customs declaration";
  const decision = { id: w.seizure.id, reason };
  const notice = (n: unknown) => n as Json;
  const fullSeizure = seizureInput({
    narrative: "Found in a **false floor** of the trailer.",
    occurredTime: "14:30",
    placeText: "Car park behind the terminal",
    countryCode: "KG",
    latitude: 40.52,
    longitude: 75.39,
    tags: ["trailer"],
    items: [{ substanceId: "acetic-anhydride", description: "Blue drums", quantity: 2.5, unit: "t" }],
    concealment: "False floor",
    declaredAs: "Vinegar",
    declaredHsCode: "2915.24",
    conveyance: "truck",
    conveyanceIds: ["01KG123ABC"],
    originCountries: ["CN"],
    seizingAgencyId: "kz-sgd-customs",
    consignor: "Kashgar Trade Co",
    consignee: "Alpha Trade LLC",
    phones: ["+7 701 555 12 34"],
  });
  const fullCompany = companyInput({
    registrationNumbers: ["123456789"],
    registrationCountryCode: "KG",
    addresses: ["12 Chui Avenue, Bishkek"],
    owners: ["Ivan Petrov"],
    phones: ["+996 555 123 456"],
    groundsNote: "Declared as vinegar",
  });
  const fullArrest = arrestInput({
    arrestingAgencyId: "kz-sgd-customs",
    chargeIds: ["kz-cc2014-296"],
    companies: ["Alpha Trade LLC"],
    phones: ["8 701 555 12 34"],
  });
  const subscriptionFilter = {
    crossingIds: ["torugart"],
    substanceIds: ["acetic-anhydride"],
    countryCodes: ["KG"],
    countryRole: "any",
    kinds: ["seizure"],
    agencyIds: ["kz-sgd-customs"],
  };
  const password = "a long and unusual passphrase of mine";
  const code = { code: "123456" };
  const userRef = { userId: w.invited.id };
  return {
    "agencies.create": [
      {
        id: "hostile-test",
        countryCode: "KZ",
        seatCountryCode: null,
        kind: "customs",
        nameEn: "Test Customs",
        nameRu: "Таможня",
        nameZh: "海关",
        shortName: "TC",
      },
    ],
    "agencies.update": [{ id: w.agency.id, kind: "customs", nameEn: "Test Customs", nameRu: "Таможня", nameZh: "海关", shortName: "TC" }],
    "agencies.setActive": [{ id: w.agency.id, active: true }],
    "apiKeys.create": [{ accountName: "Case system", scopes: ["notices:read", "reference:read"], expiresInDays: 90 }],
    "apiKeys.revoke": [{ keyId: w.seizure.id }],
    "audit.search": [
      { actor: "analyst", action: "notice.read", targetType: "notice", targetId: w.seizure.id, from: "2026-01-01", to: "2026-12-31", cursor: "100", limit: 10 },
    ],
    "audit.agencyReads": [{ cursor: "100", limit: 10 }],
    "entities.correlations": [{ id: w.seizure.id }],
    "entities.get": [{ kind: "company", id: w.seizure.id }],
    "entities.decide": [{ id: w.seizure.id, otherId: w.company.id, decision: "same" }],
    "exports.csv": [
      { scope: "notice", id: w.seizure.id },
      { scope: "feed", filters: { kind: "seizure", crossingId: "torugart", tlp: "clear", from: "2026-01-01" } },
      { scope: "search", q: "Alpha Trade" },
    ],
    "exports.stix": [
      { scope: "notice", id: w.seizure.id },
      { scope: "feed", filters: { countryCode: "KG", substanceId: "acetic-anhydride" } },
      { scope: "search", q: "Alpha Trade" },
    ],
    "exports.formD": [
      { countryCode: "KG", year: 2026, as: "page" },
      { countryCode: "TM", year: 2000, as: "xlsx" },
    ],
    "exports.taxii": [
      { addedAfter: "2026-01-01T00:00:00Z", limit: 10, types: ["incident"] },
      { next: "A".repeat(40), limit: 500 },
    ],
    "exports.pics": [{ id: w.seizure.id }],
    "invitations.check": [{ token: "A".repeat(43) }],
    "invitations.accept": [{ token: "A".repeat(43), password, confirmPassword: password }],
    "mail.mailbox": [{ before: 100 }],
    "mail.message": [{ id: 1 }],
    "mail.retryDeadLetter": [{ id: randomUUID() }],
    "mfa.confirmEnrolment": [code],
    "mfa.verify": [code],
    "mfa.recover": [{ code: "abcd-efgh-ijkl-mnop-qrst-uvwx" }],
    "mfa.regenerateRecoveryCodes": [code],
    "mfa.disable": [code],
    "moderation.report": [{ id: w.seizure.id, reason: "inaccurate", note: "The quantity looks wrong" }],
    "moderation.review": [{ id: w.seizure.id }],
    "moderation.approve": [decision],
    "moderation.requestChanges": [decision],
    "moderation.reject": [decision],
    "moderation.retract": [decision],
    "moderation.dismiss": [decision],
    "moderation.unpin": [decision],
    "moderation.redact": [{ id: w.arrest.id, field: "person", index: 0, reason }],
    "moderation.merge": [{ id: w.seizure.id, duplicateId: w.duplicate.id, reason }],
    "moderation.pin": [{ id: w.seizure.id, days: 7, reason }],
    "moderation.log": [{ noticeId: w.seizure.id, cursor: "100", limit: 10 }],
    "moderation.redirect": [{ id: w.seizure.id }],
    "moderation.credits": [{ id: w.seizure.id }],
    "moderation.setAgencyPreModeration": [{ agencyId: w.agency.id, preModerated: false }],
    "moderation.setUserPreModeration": [{ userId: w.invited.id, preModerated: false }],
    "picture.crossingCounts": [{}, { from: "2026-01-01", to: "2026-12-31" }],
    "picture.trends": [{ filters: { crossingId: "torugart", substanceId: "acetic-anhydride", countryCode: "KG", agencyId: "kg-customs", from: "2026-01-01" } }],
    "picture.trendsCsv": [{ filters: { to: "2026-12-31" } }],
    "notices.get": [{ id: w.seizure.id }],
    "notices.version": [{ id: w.seizure.id, version: 1 }],
    "notices.readLog": [{ id: w.seizure.id }],
    "notices.create": [fullSeizure, fullCompany, fullArrest].map((n) => ({ idempotencyKey: randomUUID(), asDraft: false, notice: notice(n) })),
    "notices.update": [
      { id: w.seizure.id, version: 1, notice: notice(fullSeizure) },
      { id: w.company.id, version: 1, notice: notice(fullCompany) },
      { id: w.arrest.id, version: 1, notice: notice(fullArrest) },
    ],
    "notices.submit": [{ id: w.draft.id }],
    "notices.release": [{ id: w.seizure.id }],
    "notices.retract": [{ id: w.seizure.id, reason }],
    "notices.link": [{ id: w.seizure.id, otherId: w.company.id }],
    "notices.unlink": [{ id: w.seizure.id, otherId: w.company.id }],
    "notices.recipientOptions": [{ q: "user" }],
    "notices.similarCompanies": [{ names: ["Alpha Trade"], registrationNumbers: ["123456789"], owners: ["Ivan Petrov"] }],
    "notices.feed": [
      {
        filters: {
          kind: "seizure",
          crossingId: "torugart",
          countryCode: "KG",
          substanceId: "acetic-anhydride",
          agencyId: "kz-sgd-customs",
          tlp: "clear",
          status: "published",
          from: "2026-01-01",
          to: "2026-12-31",
        },
        sort: "occurred_asc",
        cursor,
        limit: 10,
      },
    ],
    "notices.arrivals": [
      {
        filters: {
          kind: "seizure",
          crossingId: "torugart",
          countryCode: "KG",
          substanceId: "acetic-anhydride",
          agencyId: "kz-sgd-customs",
          tlp: "clear",
          from: "2026-01-01",
          to: "2026-12-31",
        },
        after: cursor,
      },
    ],
    "notices.feedCount": [
      {
        filters: {
          kind: "seizure",
          crossingId: "torugart",
          countryCode: "KG",
          substanceId: "acetic-anhydride",
          agencyId: "kz-sgd-customs",
          tlp: "clear",
          status: "published",
          from: "2026-01-01",
          to: "2026-12-31",
        },
      },
    ],
    "notices.search": [{ q: "Alpha Trade", cursor, limit: 10 }],
    "notices.pick": [{ q: "Alpha Tr", kind: "seizure", statuses: ["published", "pending_review"] }],
    "notifications.list": [{ cursor: 100, limit: 10 }],
    "notifications.markRead": [{ id: 1 }],
    "notifications.onNew": [{ lastEventId: "5" }],
    "profile.updatePreferences": [{ name: "Test Analyst", locale: "ru", timeZone: "Asia/Bishkek" }],
    "profile.changePassword": [{ currentPassword: DEMO_PASSWORD, newPassword: password, confirmPassword: password }],
    "reference.crossings.list": [{ country: "KG" }],
    "reference.crossings.get": [{ id: "torugart" }],
    "reference.crossings.curate": [{ id: "torugart", status: "seasonal", scheduleNote: "Open May to November" }],
    "reference.substances.search": [{ q: "acet", limit: 10 }],
    "home.expiringAlerts": [{ withinDays: 30, agencyId: "kz-sgd-customs" }],
    "home.activeAlertsAt": [{ crossingIds: ["khorgos", "torugart"] }],
    "home.quietAgencies": [{ days: 30 }],
    "screening.screen": [
      {
        lines: [
          {
            hsCode: "2915.24",
            description: "醋酸酐",
            consignor: "Urumqi Trade Co., Ltd.",
            consignee: "Alpha Trade LLC",
            vehicle: "01KG482ABT",
            route: "Kashgar – Osh",
          },
        ],
      },
    ],
    "reference.substances.get": [{ id: "acetic-anhydride" }],
    "reference.substances.curate": [
      {
        id: "acetic-anhydride",
        conventionTable: "I",
        nameEn: "Acetic anhydride",
        nameRu: "Уксусный ангидрид",
        nameZh: "醋酸酐",
        aliases: ["AA"],
        cas: "108-24-7",
        hsCode: "2915.24",
        densityGPerMl: 1.08,
        illicitUse: "Heroin",
        licitUses: "Plastics",
      },
    ],
    "reference.provisions.curate": [
      {
        id: "kz-cc2014-296",
        countryCode: "KZ",
        code: "Criminal Code 2014",
        article: "296",
        inForce: true,
        titleEn: "Illicit trafficking",
        penaltySummary: "Up to 12 years",
      },
    ],
    "subscriptions.create": [{ filter: subscriptionFilter, delivery: "daily" }],
    "subscriptions.update": [{ id: w.subscription.id, delivery: "weekly" }],
    "subscriptions.remove": [{ id: w.subscription.id }],
    "subscriptions.forTarget": [{ target: "crossing", id: "torugart" }],
    "subscriptions.watch": [{ noticeId: w.seizure.id, delivery: "instant" }],
    "subscriptions.unwatch": [{ noticeId: w.seizure.id }],
    "subscriptions.watching": [{ noticeId: w.seizure.id }],
    "subscriptions.updateMailSettings": [{ moderationEmails: true }],
    "users.invite": [
      {
        email: "new.user@example.org",
        name: "New User",
        agencyId: "kz-sgd-customs",
        role: "analyst",
        dutyStationId: "khorgos",
        locale: "ru",
        timeZone: "Asia/Almaty",
        preModerated: false,
      },
    ],
    "users.update": [{ ...userRef, name: "Renamed User", role: "chief", agencyId: "kz-sgd-customs", dutyStationId: "khorgos" }],
    "users.disable": [userRef],
    "users.enable": [userRef],
    "users.resetSecondFactor": [userRef],
    "users.endSessions": [userRef],
    "users.resendInvitation": [userRef],
  };
}

const withInput = procedures.filter((p) => p.input !== null);

describe("hostile input answers 4xx, never 5xx", () => {
  let world: World;
  let samples: Record<string, Json[]>;
  beforeAll(async () => {
    world = await buildWorld();
    samples = samplesOf(world);
  });

  it("has a valid sample input for every procedure that takes one", () => {
    expect(withInput.map((p) => p.path).filter((path) => !samples[path])).toEqual([]);
    for (const { path, input } of withInput) {
      for (const sample of samples[path]!) {
        const parsed = input!.safeParse(sample);
        expect([path, parsed.success ? "valid" : parsed.error.issues]).toEqual([path, "valid"]);
      }
    }
  });

  it.each(withInput.map((p) => [p.path, p.permission] as const))(
    "%s",
    async (path, permission) => {
      const role = permission ? ROLE_ORDER.find((r) => can(r, permission as Permission)) : "analyst";
      expect(role).toBeDefined();
      const caller = world.callers[role!];
      await fc.assert(
        fc.asyncProperty(fc.record({ text: badText, number: badNumber, date: badDate }), async (hostile) => {
          const failures: string[] = [];
          for (const sample of samples[path] ?? []) {
            for (const { where, input } of variants(sample, hostile)) {
              const { status, detail } = await statusOf(caller, path, input);
              if (status >= 500) failures.push(`${where}: ${status} ${detail}`);
            }
          }
          if (failures.length > 0) throw new Error(`${path} answered 5xx:\n${failures.join("\n")}`);
        }),
        // Examples count as runs: each procedure gets all of them, then generated values.
        { numRuns: EXAMPLES.length + GENERATED_RUNS, examples: EXAMPLES.map((hostile) => [hostile]), endOnFailure: true },
      );
    },
    60_000,
  );
});
