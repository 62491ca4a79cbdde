import { randomUUID } from "node:crypto";
import { db } from "~/db/index";
import { createAgency, createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import type { Role } from "~/server/auth/roles";
import { encodeCursor } from "~/server/services/notices/cursor";
import { callerFor } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { pictureSamples } from "./hostile-input-samples-picture";

// The world the hostile-input property runs in (hostile-input.property.test.ts), and a valid input
// of every procedure that takes one, as its form or page would send it, grouped by area.

export type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type World = Awaited<ReturnType<typeof buildWorld>>;
type Samples = Record<string, Json[]>;

// The caller of each procedure is the first of these roles that holds its permission: the author's
// own agency first, so edits and reads of the sample notices reach the database.
export const ROLE_ORDER: Role[] = ["analyst", "chief", "coordinator", "admin", "agency_admin"];

export async function buildWorld() {
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

/** A valid input of every procedure that takes one. */
export function samplesOf(w: World): Samples {
  return {
    ...adminSamples(w),
    ...exportSamples(w),
    ...accountSamples(w),
    ...moderationSamples(w),
    ...noticeSamples(w),
    ...referenceSamples(),
    ...pictureSamples(w),
  };
}

const REASON = "Checked against the customs declaration";
const PASSWORD = "a long and unusual passphrase of mine";

function adminSamples(w: World): Samples {
  const names = { kind: "customs", nameEn: "Test Customs", nameRu: "Таможня", nameZh: "海关", shortName: "TC" };
  const userRef = { userId: w.invited.id };
  return {
    "agencies.create": [{ id: "hostile-test", countryCode: "KZ", seatCountryCode: null, ...names }],
    "agencies.update": [{ id: w.agency.id, ...names }],
    "agencies.setActive": [{ id: w.agency.id, active: true }],
    "apiKeys.create": [{ accountName: "Case system", scopes: ["notices:read", "reference:read"], expiresInDays: 90 }],
    "apiKeys.revoke": [{ keyId: w.seizure.id }],
    "audit.search": [
      { actor: "analyst", action: "notice.read", targetType: "notice", targetId: w.seizure.id, from: "2026-01-01", to: "2026-12-31", cursor: "100", limit: 10 },
    ],
    "audit.agencyReads": [{ cursor: "100", limit: 10 }],
    "mail.mailbox": [{ before: 100 }],
    "mail.message": [{ id: 1 }],
    "mail.retryDeadLetter": [{ id: randomUUID() }],
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

function exportSamples(w: World): Samples {
  const notice = { scope: "notice", id: w.seizure.id };
  const search = { scope: "search", q: "Alpha Trade" };
  return {
    "exports.csv": [notice, { scope: "feed", filters: { kind: "seizure", crossingId: "torugart", tlp: "clear", from: "2026-01-01" } }, search],
    "exports.stix": [notice, { scope: "feed", filters: { countryCode: "KG", substanceId: "acetic-anhydride" } }, search],
    "exports.formD": [
      { countryCode: "KG", year: 2026, as: "page" },
      { countryCode: "TM", year: 2000, as: "xlsx" },
    ],
    "exports.taxii": [
      { addedAfter: "2026-01-01T00:00:00Z", limit: 10, types: ["incident"] },
      { next: "A".repeat(40), limit: 500 },
    ],
    "exports.pics": [{ id: w.seizure.id }],
  };
}

/** A user's own account: invitations, the second factor, profile, subscriptions, notifications. */
function accountSamples(w: World): Samples {
  const code = { code: "123456" };
  const subscriptionFilter = {
    crossingIds: ["torugart"],
    substanceIds: ["acetic-anhydride"],
    countryCodes: ["KG"],
    countryRole: "any",
    kinds: ["seizure"],
    agencyIds: ["kz-sgd-customs"],
  };
  const watched = { noticeId: w.seizure.id };
  return {
    "invitations.check": [{ token: "A".repeat(43) }],
    "invitations.accept": [{ token: "A".repeat(43), password: PASSWORD, confirmPassword: PASSWORD }],
    "mfa.confirmEnrolment": [code],
    "mfa.verify": [code],
    "mfa.recover": [{ code: "abcd-efgh-ijkl-mnop-qrst-uvwx" }],
    "mfa.regenerateRecoveryCodes": [code],
    "mfa.disable": [code],
    "notifications.list": [{ cursor: 100, limit: 10 }],
    "notifications.markRead": [{ id: 1 }],
    "notifications.onNew": [{ lastEventId: "5" }],
    "profile.updatePreferences": [{ name: "Test Analyst", locale: "ru", timeZone: "Asia/Bishkek" }],
    "profile.changePassword": [{ currentPassword: DEMO_PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }],
    "subscriptions.create": [{ filter: subscriptionFilter, delivery: "daily" }],
    "subscriptions.update": [{ id: w.subscription.id, delivery: "weekly" }],
    "subscriptions.remove": [{ id: w.subscription.id }],
    "subscriptions.forTarget": [{ target: "crossing", id: "torugart" }],
    "subscriptions.watch": [{ ...watched, delivery: "instant" }],
    "subscriptions.unwatch": [watched],
    "subscriptions.watching": [watched],
    "subscriptions.updateMailSettings": [{ moderationEmails: true }],
  };
}

function moderationSamples(w: World): Samples {
  const decision = { id: w.seizure.id, reason: REASON };
  const notice = { id: w.seizure.id };
  return {
    "moderation.report": [{ id: w.seizure.id, reason: "inaccurate", note: "The quantity looks wrong" }],
    "moderation.review": [notice],
    "moderation.approve": [decision],
    "moderation.requestChanges": [decision],
    "moderation.reject": [decision],
    "moderation.retract": [decision],
    "moderation.dismiss": [decision],
    "moderation.unpin": [decision],
    "moderation.redact": [{ id: w.arrest.id, field: "person", index: 0, reason: REASON }],
    "moderation.merge": [{ id: w.seizure.id, duplicateId: w.duplicate.id, reason: REASON }],
    "moderation.pin": [{ id: w.seizure.id, days: 7, reason: REASON }],
    "moderation.log": [{ noticeId: w.seizure.id, cursor: "100", limit: 10 }],
    "moderation.redirect": [notice],
    "moderation.credits": [notice],
    "moderation.setAgencyPreModeration": [{ agencyId: w.agency.id, preModerated: false }],
    "moderation.setUserPreModeration": [{ userId: w.invited.id, preModerated: false }],
  };
}

/** Every field of each kind of notice filled in, so that every column meets a hostile value. */
function fullNotices(): Json[] {
  const seizure = seizureInput({
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
  const company = companyInput({
    registrationNumbers: ["123456789"],
    registrationCountryCode: "KG",
    addresses: ["12 Chui Avenue, Bishkek"],
    owners: ["Ivan Petrov"],
    phones: ["+996 555 123 456"],
    groundsNote: "Declared as vinegar",
  });
  const arrest = arrestInput({
    arrestingAgencyId: "kz-sgd-customs",
    chargeIds: ["kz-cc2014-296"],
    companies: ["Alpha Trade LLC"],
    phones: ["8 701 555 12 34"],
  });
  return [seizure, company, arrest] as unknown as Json[];
}

function noticeSamples(w: World): Samples {
  const [seizure, company, arrest] = fullNotices();
  const cursor = encodeCursor({ at: new Date("2026-03-14T10:00:00Z"), id: w.seizure.id });
  const filters = {
    kind: "seizure",
    crossingId: "torugart",
    countryCode: "KG",
    substanceId: "acetic-anhydride",
    agencyId: "kz-sgd-customs",
    tlp: "clear",
    status: "published",
    from: "2026-01-01",
    to: "2026-12-31",
  };
  // Arrivals are always of published notices: their filters take no status.
  const { status: _published, ...arrivalFilters } = filters;
  const pair = { id: w.seizure.id, otherId: w.company.id };
  return {
    "notices.get": [{ id: w.seizure.id }],
    "notices.version": [{ id: w.seizure.id, version: 1 }],
    "notices.readLog": [{ id: w.seizure.id }],
    "notices.create": [seizure, company, arrest].map((notice) => ({ idempotencyKey: randomUUID(), asDraft: false, notice: notice! })),
    "notices.update": [
      { id: w.seizure.id, version: 1, notice: seizure! },
      { id: w.company.id, version: 1, notice: company! },
      { id: w.arrest.id, version: 1, notice: arrest! },
    ],
    "notices.submit": [{ id: w.draft.id }],
    "notices.release": [{ id: w.seizure.id }],
    "notices.retract": [{ id: w.seizure.id, reason: REASON }],
    "notices.link": [pair],
    "notices.unlink": [pair],
    "notices.recipientOptions": [{ q: "user" }],
    "notices.similarCompanies": [{ names: ["Alpha Trade"], registrationNumbers: ["123456789"], owners: ["Ivan Petrov"] }],
    "notices.feed": [{ filters, sort: "occurred_asc", cursor, limit: 10 }],
    "notices.arrivals": [{ filters: arrivalFilters, after: cursor }],
    "notices.feedCount": [{ filters }],
    "notices.search": [{ q: "Alpha Trade", cursor, limit: 10 }],
    "notices.pick": [{ q: "Alpha Tr", kind: "seizure", statuses: ["published", "pending_review"] }],
  };
}

function referenceSamples(): Samples {
  return {
    "reference.crossings.list": [{ country: "KG" }],
    "reference.crossings.get": [{ id: "torugart" }],
    "reference.crossings.curate": [{ id: "torugart", status: "seasonal", scheduleNote: "Open May", scheduleNoteRu: "С мая", scheduleNoteZh: "5月起" }],
    "reference.substances.search": [{ q: "acet", limit: 10 }],
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
        illicitUseRu: "Героин",
        illicitUseZh: "海洛因",
        licitUses: "Plastics",
        licitUsesRu: "Пластмассы",
        licitUsesZh: "塑料",
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
        titleRu: "Незаконный оборот",
        titleZh: "非法贩运",
        penaltySummary: "Up to 12 years",
        penaltySummaryRu: "До 12 лет",
        penaltySummaryZh: "12年以下",
      },
    ],
  };
}
