import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { agencies, auditLog, moderationActions, noticeEvents, noticeReports, notices, noticeVersions, notifications, subscriptions, users } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { fanOut } from "~/server/jobs/fan-out";
import type { Role } from "~/server/auth/roles";
import { callerFor, refusal } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";

type Session = Awaited<ReturnType<typeof callerFor>>;

async function session(agencyId: string, role: Role = "analyst", extra: { preModerated?: boolean } = {}): Promise<Session> {
  const user = await createUser(db, { agencyId, role });
  if (extra.preModerated) await db.update(users).set({ preModerated: true }).where(eq(users.id, user.id));
  return callerFor(user);
}

const coordinator = () => session("unodc-roca", "coordinator");
const admin = () => session("unodc-roca", "admin");

/** What one reader finds of a notice on every surface: the feed, a search for `q`, the detail page. */
async function surfaces(reader: Session, id: string, q: string) {
  const feed = (await reader.caller.notices.feed({ limit: 100 })).items.some((item) => item.id === id);
  const search = (await reader.caller.notices.search({ q, limit: 100 })).items.some((item) => item.id === id);
  const detail = await reader.caller.notices.get({ id }).then(
    () => "ok",
    (error: { code?: string }) => error.code,
  );
  return { feed, search, detail };
}

const SEEN = { feed: true, search: true, detail: "ok" };
const UNSEEN = { feed: false, search: false, detail: "NOT_FOUND" };

const eventsOf = async (noticeId: string) =>
  (await db.select({ kind: noticeEvents.kind }).from(noticeEvents).where(eq(noticeEvents.noticeId, noticeId))).map((e) => e.kind);

describe("reporting a notice", () => {
  it("puts a notice the reader can read in the coordinators' queue, once per reader, with the reason", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Reported seizure at Torugart" }));

    await reader.caller.moderation.report({ id, reason: "inaccurate", note: "The quantity looks wrong" });
    await reader.caller.moderation.report({ id, reason: "inaccurate" });
    expect(await db.$count(noticeReports, eq(noticeReports.noticeId, id))).toBe(1);

    const queue = await coord.caller.moderation.queue();
    expect(queue.find((item) => item.id === id)).toMatchObject({ title: "Reported seizure at Torugart", openReports: 1, status: "published" });
    const review = await coord.caller.moderation.review({ id });
    expect(review.reports).toEqual([
      expect.objectContaining({ reason: "inaccurate", note: "The quantity looks wrong", status: "open", agency: expect.any(String) }),
    ]);
  });

  it("answers NOT_FOUND for a notice the reader may not read, and records nothing", async () => {
    const author = await session("kg-mvd-sbnon");
    const outsider = await session("tj-customs");
    const { id } = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"] }));
    expect(await refusal(outsider.caller.moderation.report({ id, reason: "other" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.$count(noticeReports, eq(noticeReports.noticeId, id))).toBe(0);
  });

  it("closes the reports when a coordinator dismisses them, and the notice leaves the queue", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput());
    await reader.caller.moderation.report({ id, reason: "duplicate" });
    await coord.caller.moderation.dismiss({ id, reason: "Checked with the originator: correct" });
    expect((await coord.caller.moderation.queue()).some((item) => item.id === id)).toBe(false);
    expect(await surfaces(reader, id, "Test notice")).toEqual(SEEN);
  });
});

describe("pre-moderation", () => {
  it("holds an agency's notices for review, invisible to every other reader until a coordinator approves", async () => {
    const adm = await admin();
    await adm.caller.moderation.setAgencyPreModeration({ agencyId: "kg-customs", preModerated: true });
    const author = await session("kg-customs");
    const reader = await session("kz-sgd-customs");
    const colleague = await session("kg-customs");
    const coord = await coordinator();

    const created = await createThrough(
      author.caller,
      seizureInput({ title: "Held seizure of potassium permanganate", items: [{ substanceId: "potassium-permanganate", quantity: 2, unit: "t" }] }),
    );
    expect(created.status).toBe("pending_review");
    for (const other of [reader, colleague]) expect(await surfaces(other, created.id, "potassium permanganate")).toEqual(UNSEEN);
    expect((await author.caller.notices.get({ id: created.id })).notice.status).toBe("pending_review");
    expect((await coord.caller.moderation.queue()).find((item) => item.id === created.id)).toMatchObject({ status: "pending_review" });
    expect(await eventsOf(created.id)).toEqual([]);

    await coord.caller.moderation.approve({ id: created.id, reason: "Checked against the customs declaration" });
    expect(await surfaces(reader, created.id, "potassium permanganate")).toEqual(SEEN);
    expect(await surfaces(colleague, created.id, "potassium permanganate")).toEqual(SEEN);
    expect(await eventsOf(created.id)).toEqual(["published"]);
    const log = await author.caller.moderation.log({ noticeId: created.id });
    expect(log.items).toEqual([expect.objectContaining({ action: "approve", reason: "Checked against the customs declaration" })]);
    await adm.caller.moderation.setAgencyPreModeration({ agencyId: "kg-customs", preModerated: false });
  });

  it("holds a pre-moderated user's notices, also after their agency's chief releases them, but never RED ones", async () => {
    const author = await session("kz-sgd-customs", "analyst", { preModerated: true });
    const other = await session("kz-sgd-customs");
    expect((await createThrough(author.caller, seizureInput())).status).toBe("pending_review");
    expect((await createThrough(other.caller, seizureInput())).status).toBe("published");
    const recipient = await session("kg-mvd-sbnon");
    const red = await createThrough(author.caller, seizureInput({ tlp: "red", recipientIds: [recipient.viewer.userId] }));
    expect(red.status).toBe("published");

    await db.update(agencies).set({ requiresRelease: true }).where(eq(agencies.id, "kz-sgd-customs"));
    try {
      const chief = await session("kz-sgd-customs", "chief");
      const waiting = await createThrough(author.caller, seizureInput());
      expect(waiting.status).toBe("pending_release");
      expect(await chief.caller.notices.release({ id: waiting.id })).toMatchObject({ status: "pending_review" });
    } finally {
      await db.update(agencies).set({ requiresRelease: false }).where(eq(agencies.id, "kz-sgd-customs"));
    }
  });

  it("can start with an invitation, when the inviting administrator chooses it", async () => {
    const adm = await admin();
    const { userId } = await adm.caller.users.invite({
      email: `premod-${Date.now()}@test.example.org`,
      name: "New Member",
      agencyId: "kz-sgd-customs",
      role: "analyst",
      preModerated: true,
    });
    const [row] = await db.select({ preModerated: users.preModerated }).from(users).where(eq(users.id, userId));
    expect(row!.preModerated).toBe(true);
  });

  it("is set by administrators only, and audited", async () => {
    const adm = await admin();
    const coord = await coordinator();
    const target = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    expect(await refusal(coord.caller.moderation.setUserPreModeration({ userId: target.id, preModerated: true }))).toMatchObject({ code: "FORBIDDEN" });
    await adm.caller.moderation.setUserPreModeration({ userId: target.id, preModerated: true });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(entry).toMatchObject({ action: "user.pre_moderation", actorUserId: adm.viewer.userId, details: { preModerated: true } });
  });
});

describe("moderation decisions", () => {
  it("requests changes: back to the author with the comments, and the corrected version waits for review again", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Seizure with a wrong quantity" }));
    await reader.caller.moderation.report({ id, reason: "inaccurate" });

    await coord.caller.moderation.requestChanges({ id, reason: "Give the quantity in tonnes as seized" });
    expect(await surfaces(reader, id, "wrong quantity")).toEqual(UNSEEN);
    const mine = await author.caller.notices.get({ id });
    expect(mine.notice.status).toBe("changes_requested");
    expect((await author.caller.moderation.log({ noticeId: id })).items[0]).toMatchObject({
      action: "request_changes",
      reason: "Give the quantity in tonnes as seized",
    });

    const edited = await author.caller.notices.update({
      id,
      version: mine.notice.version,
      notice: seizureInput({ title: "Seizure with a corrected quantity" }),
    });
    expect((await author.caller.notices.get({ id: edited.id })).notice.status).toBe("pending_review");
    expect(await surfaces(reader, id, "corrected quantity")).toEqual(UNSEEN);
    await coord.caller.moderation.approve({ id, reason: "Corrected" });
    expect(await surfaces(reader, id, "corrected quantity")).toEqual(SEEN);
  });

  it("rejects: the author keeps the notice with the reason, nobody else sees it, and it can no longer be edited", async () => {
    const author = await session("kz-sgd-customs", "analyst", { preModerated: true });
    const reader = await session("kg-mvd-sbnon");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Rejected rumour" }));
    await coord.caller.moderation.reject({ id, reason: "No source given" });
    expect(await surfaces(reader, id, "rumour")).toEqual(UNSEEN);
    const mine = await author.caller.notices.get({ id });
    expect(mine.notice.status).toBe("rejected");
    expect(mine.can.edit).toBe(false);
    expect(await refusal(author.caller.notices.update({ id, version: mine.notice.version, notice: seizureInput() }))).toMatchObject({
      code: "CONFLICT",
      key: "noticeClosedByModeration",
    });
    expect(await refusal(coord.caller.moderation.approve({ id, reason: "Changed my mind" }))).toMatchObject({
      code: "CONFLICT",
      key: "wrongStatusForDecision",
    });
  });

  it("retracts: the notice leaves every reader's feed and search, stays readable with the reason, and readers are told", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Retracted ephedrine seizure" }));
    await coord.caller.moderation.retract({ id, reason: "Duplicate of an older notice" });
    for (const who of [author, reader]) {
      expect((await who.caller.notices.feed({ limit: 100 })).items.some((item) => item.id === id)).toBe(false);
      const found = (await who.caller.notices.search({ q: "ephedrine" })).items.filter((item) => item.id === id);
      expect(found.every((item) => item.status === "retracted")).toBe(true);
    }
    const { notice } = await reader.caller.notices.get({ id });
    expect(notice).toMatchObject({ status: "retracted", retractedReason: "Duplicate of an older notice" });
    expect(await eventsOf(id)).toContain("retracted");
  });

  it("acts only on notices the coordinator may see: a RED notice nobody reported is not found", async () => {
    const author = await session("kg-mvd-sbnon");
    const recipient = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ tlp: "red", recipientIds: [recipient.viewer.userId] }));
    expect(await refusal(coord.caller.moderation.retract({ id, reason: "Not allowed" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(coord.caller.moderation.review({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await db.select({ status: notices.status }).from(notices).where(eq(notices.id, id)))[0]!.status).toBe("published");
  });

  it("is refused to anyone but a coordinator", async () => {
    const author = await session("kg-mvd-sbnon");
    const { id } = await createThrough(author.caller, seizureInput());
    for (const role of ["analyst", "chief", "agency_admin", "admin"] as const) {
      const other = await session(role === "admin" ? "unodc-roca" : "kg-mvd-sbnon", role);
      expect(await refusal(other.caller.moderation.retract({ id, reason: "Not mine to retract" }))).toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("redaction", () => {
  it("removes a person's name from every surface — detail, narrative, history, search — keeping it only in the audit log", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const arrest = arrestInput({
      title: "Courier detained at Torugart",
      narrative: "Ivan Petrov was detained with 40 kg of acetic anhydride.",
      persons: [
        { names: { latin: "Ivan Petrov", cyrillic: "Иван Петров" }, nationalityCode: "KZ", birthYear: 1980, role: "courier" },
        { names: { latin: "Asel Nurlanova" }, nationalityCode: "KG", birthYear: 1975, role: "driver" },
      ],
    });
    const { id } = await createThrough(author.caller, arrest);
    // An edit, so that the name also sits in the version history.
    await author.caller.notices.update({ id, version: 1, notice: { ...arrest, arrestStatus: "charged" } });
    expect((await reader.caller.notices.search({ q: "Petrov" })).items.map((i) => i.id)).toContain(id);
    await reader.caller.moderation.report({ id, reason: "personal_data", note: "Name of an informant" });

    await coord.caller.moderation.redact({ id, field: "person", index: 0, reason: "Protects an informant" });

    const { notice } = await reader.caller.notices.get({ id });
    expect(notice.arrest!.persons[0]!.names).toEqual({ latin: "[redacted]" });
    expect(notice.arrest!.persons[1]!.names).toEqual({ latin: "Asel Nurlanova" });
    expect(notice.narrative).toBe("[redacted] was detained with 40 kg of acetic anhydride.");
    expect(JSON.stringify(notice)).not.toMatch(/Petrov|Петров/);
    for (const who of [reader, author, coord]) {
      expect((await who.caller.notices.search({ q: "Petrov" })).items.map((i) => i.id)).not.toContain(id);
      expect((await who.caller.notices.search({ q: "Петров" })).items.map((i) => i.id)).not.toContain(id);
    }
    expect((await reader.caller.notices.search({ q: "Nurlanova" })).items.map((i) => i.id)).toContain(id);
    const history = await author.caller.notices.version({ id, version: 1 });
    expect(JSON.stringify(history)).not.toMatch(/Petrov|Петров/);
    expect(await db.$count(noticeVersions, sql`${noticeVersions.snapshot}::text ~ '(Petrov|Петров)'`)).toBe(0);
    expect(await db.$count(notices, sql`concat_ws(' ', ${notices.title}, ${notices.narrative}, ${notices.searchNames}) ~ '(Petrov|Петров)'`)).toBe(0);
    expect(await db.$count(moderationActions, sql`${moderationActions.details}::text ~ '(Petrov|Петров)'`)).toBe(0);

    // The agency reads the decision and its reason, not the name; the audit log keeps the original
    // for the originating agency alone, so neither coordinators nor administrators read it there.
    const log = await author.caller.moderation.log({ noticeId: id });
    expect(log.items[0]).toMatchObject({ action: "redact", reason: "Protects an informant", details: { field: "person", index: 0 } });
    const audited = await coord.caller.audit.search({ action: "moderation.redact", targetId: id });
    expect(audited.items[0]!.details).toEqual({ reason: "Protects an informant", field: "person", index: 0 });
    const asAdmin = await (await admin()).caller.audit.search({ action: "moderation.redact", targetId: id });
    expect(JSON.stringify(asAdmin.items)).not.toMatch(/Petrov|Петров/);
    expect(await eventsOf(id)).toContain("moderated");
    // The author's open form, still holding the name, cannot write it back.
    expect(await refusal(author.caller.notices.update({ id, version: 2, notice: arrest }))).toMatchObject({ code: "CONFLICT", key: "versionConflict" });
  });

  it("redacts a company owner, and refuses a field the notice does not have", async () => {
    const author = await session("kg-mvd-sbnon");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, companyInput({ owners: ["Karim Salimov", "Other Owner"] }));
    expect(await refusal(coord.caller.moderation.redact({ id, field: "person", index: 0, reason: "Wrong field" }))).toMatchObject({
      code: "BAD_REQUEST",
      key: "nothingToRedact",
    });
    await coord.caller.moderation.redact({ id, field: "owner", index: 0, reason: "Owner is a minor" });
    const { notice } = await author.caller.notices.get({ id });
    expect(notice.companyAlert!.owners).toEqual(["[redacted]", "Other Owner"]);
    expect((await author.caller.notices.search({ q: "Salimov" })).items).toEqual([]);
  });
});

describe("merging duplicates", () => {
  it("folds the duplicate into one notice crediting both agencies, carrying its links; the duplicate redirects", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs");
    const tj = await session("tj-customs");
    const coord = await coordinator();
    const survivor = await createThrough(kg.caller, seizureInput({ title: "Acetic anhydride at Torugart, KG report" }));
    const duplicate = await createThrough(kz.caller, seizureInput({ title: "Acetic anhydride at Torugart, KZ report" }));
    const related = await createThrough(tj.caller, seizureInput({ title: "Related seizure in Tajikistan" }));
    await kz.caller.notices.link({ id: duplicate.id, otherId: related.id });
    await kz.caller.notices.link({ id: duplicate.id, otherId: survivor.id });
    // tj watches the duplicate, and so does kg, who already watches the survivor.
    await db.insert(subscriptions).values([
      { userId: tj.viewer.userId, noticeId: duplicate.id, delivery: "instant" },
      { userId: kg.viewer.userId, noticeId: duplicate.id, delivery: "daily" },
      { userId: kg.viewer.userId, noticeId: survivor.id, delivery: "in_app" },
    ]);

    const result = await coord.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "One event reported twice" });
    expect(result).toMatchObject({ survivorId: survivor.id, duplicateId: duplicate.id, linksCarried: 1, watchesCarried: 1 });
    const watches = await db
      .select({ userId: subscriptions.userId, noticeId: subscriptions.noticeId, delivery: subscriptions.delivery })
      .from(subscriptions)
      .where(inArray(subscriptions.noticeId, [survivor.id, duplicate.id]));
    expect(watches).toHaveLength(2);
    expect(watches).toEqual(
      expect.arrayContaining([
        { userId: tj.viewer.userId, noticeId: survivor.id, delivery: "instant" },
        { userId: kg.viewer.userId, noticeId: survivor.id, delivery: "in_app" },
      ]),
    );

    // Its author keeps their own notice, marked as merged; nobody else finds it anywhere.
    expect((await kz.caller.notices.get({ id: duplicate.id })).notice.status).toBe("merged");
    for (const reader of [kg, tj]) expect(await surfaces(reader, duplicate.id, "KZ report")).toEqual(UNSEEN);
    for (const reader of [kg, kz, tj]) {
      expect((await surfaces(reader, duplicate.id, "KZ report")).feed).toBe(false);
      expect(await surfaces(reader, survivor.id, "KG report")).toEqual(SEEN);
      expect(await reader.caller.moderation.redirect({ id: duplicate.id })).toEqual({ id: survivor.id });
      expect((await reader.caller.moderation.credits({ id: survivor.id })).map((c) => c.id)).toEqual(["kz-sgd-customs"]);
    }
    expect((await tj.caller.notices.get({ id: survivor.id })).links.map((l) => l.id)).toEqual([related.id]);
    expect((await tj.caller.notices.get({ id: related.id })).links.map((l) => l.id)).toEqual([survivor.id]);
    // Both agencies concerned read the decision in their moderation log.
    for (const reader of [kg, kz]) expect((await reader.caller.moderation.log({})).items.some((e) => e.action === "merge")).toBe(true);
    expect((await tj.caller.moderation.log({})).items.some((e) => e.action === "merge")).toBe(false);
  });

  it("refuses a merge that would take the notice away from the duplicate's author", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs");
    const coord = await coordinator();
    const survivor = await createThrough(kg.caller, seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["tj-customs"] }));
    const duplicate = await createThrough(kz.caller, seizureInput());
    expect(await refusal(coord.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "Same event" }))).toMatchObject({
      code: "CONFLICT",
      key: "mergeWouldHide",
    });
    expect(await surfaces(kz, duplicate.id, "Test notice")).toEqual(SEEN);
  });

  it("redirects a merged notice's address only for those who could read it; anyone else finds nothing there", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs", "analyst", { preModerated: true });
    const coord = await coordinator();
    const survivor = await createThrough(kg.caller, seizureInput({ title: "Acetic anhydride at Torugart" }));
    // Released to Kazakh customs alone; and one that never left review.
    const restricted = await createThrough(kz.caller, seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    await coord.caller.moderation.approve({ id: restricted.id, reason: "Verified" });
    const held = await createThrough(kz.caller, seizureInput());
    expect(held.status).toBe("pending_review");
    for (const duplicate of [restricted, held])
      await coord.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "One event reported twice" });

    const colleague = await session("kz-sgd-customs");
    const released = await session("kg-customs");
    const outsider = await session("tj-customs");
    const redirect = async (reader: Session, id: string) => (await reader.caller.moderation.redirect({ id })).id;
    for (const reader of [kz, colleague, released, coord]) expect(await redirect(reader, restricted.id)).toBe(survivor.id);
    for (const reader of [kg, outsider]) expect(await redirect(reader, restricted.id)).toBeNull();
    for (const reader of [kz, coord]) expect(await redirect(reader, held.id)).toBe(survivor.id);
    for (const reader of [colleague, released, kg, outsider]) expect(await redirect(reader, held.id)).toBeNull();
  });
});

describe("pinning a regional alert", () => {
  it("puts it above every reader's feed for the period, for those who may read it", async () => {
    const author = await session("kz-sgd-customs");
    const kg = await session("kg-mvd-sbnon");
    const tj = await session("tj-customs");
    const coord = await coordinator();
    const alert = await createThrough(author.caller, companyInput({ title: "Front company series: Alpha Trade" }));
    const amber = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KG"] }));
    await coord.caller.moderation.pin({ id: alert.id, days: 7, reason: "Regional alert" });
    await coord.caller.moderation.pin({ id: amber.id, days: 7, reason: "Regional alert for Kyrgyzstan" });

    expect((await kg.caller.moderation.pinned()).map((n) => n.id).sort()).toEqual([alert.id, amber.id].sort());
    expect((await tj.caller.moderation.pinned()).map((n) => n.id)).toEqual([alert.id]);

    await coord.caller.moderation.unpin({ id: alert.id, reason: "Alert over" });
    expect((await tj.caller.moderation.pinned()).map((n) => n.id)).toEqual([]);
    expect(await refusal(coord.caller.moderation.unpin({ id: alert.id, reason: "Again" }))).toMatchObject({ code: "CONFLICT", key: "notPinned" });
  });
});

describe("quality signals", () => {
  it("lists notices with no crossing or no identified substance, expired company alerts and suspected duplicates", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs");
    const coord = await coordinator();
    const nowhere = await createThrough(kg.caller, seizureInput({ crossingId: null, placeText: "Bishkek rail yard", countryCode: "KG" }));
    const unknown = await createThrough(kg.caller, seizureInput({ items: [{ substanceId: null, description: "white powder", quantity: 5, unit: "kg" }] }));
    const expired = await createThrough(kg.caller, companyInput({ expiresOn: "2020-01-01" }));
    const first = await createThrough(
      kg.caller,
      seizureInput({ occurredOn: "2026-06-02", items: [{ substanceId: "acetic-anhydride", quantity: 10, unit: "t" }] }),
    );
    const second = await createThrough(
      kz.caller,
      seizureInput({ occurredOn: "2026-06-02", items: [{ substanceId: "acetic-anhydride", quantity: 10.5, unit: "t" }] }),
    );
    const notDuplicate = await createThrough(
      kz.caller,
      seizureInput({ occurredOn: "2026-06-02", items: [{ substanceId: "acetic-anhydride", quantity: 30, unit: "t" }] }),
    );

    const signals = await coord.caller.moderation.quality();
    expect(signals.noCrossing.map((n) => n.id)).toContain(nowhere.id);
    expect(signals.noSubstance.map((n) => n.id)).toEqual([unknown.id]);
    expect(signals.expiredAlerts.map((n) => n.id)).toEqual([expired.id]);
    const pairs = signals.duplicates.map((d) => [d.id, d.otherId].sort().join());
    expect(pairs).toContain([first.id, second.id].sort().join());
    expect(pairs.some((pair) => pair.includes(notDuplicate.id))).toBe(false);
  });
});

describe("what moderation tells subscribers", () => {
  /** Runs the fan-out of every event of the notice, as the worker would. */
  async function fanOutAll(noticeId: string) {
    const events = await db.select({ id: noticeEvents.id }).from(noticeEvents).where(eq(noticeEvents.noticeId, noticeId));
    for (const event of events) await fanOut(event.id);
  }
  const notified = async (userId: string, noticeId: string) =>
    (
      await db
        .select({ kind: notifications.kind })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.noticeId, noticeId)))
    ).map((n) => n.kind);

  it("a held notice notifies nobody; approved, it notifies the subscribers who may read it; redacted, they hear of it", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", preModerated: true });
    const author = await session(agency.id);
    const subscriber = await session("kz-sgd-customs");
    const outsider = await session("tj-customs");
    const coord = await coordinator();
    for (const who of [subscriber, outsider])
      await db.insert(subscriptions).values({ userId: who.viewer.userId, crossingIds: ["torugart"], delivery: "in_app" });

    const { id, status } = await createThrough(author.caller, arrestInput({ title: "Held arrest at Torugart" }));
    expect(status).toBe("pending_review");
    await fanOutAll(id);
    expect(await notified(subscriber.viewer.userId, id)).toEqual([]);

    await coord.caller.moderation.approve({ id, reason: "Verified" });
    await fanOutAll(id);
    expect(await notified(subscriber.viewer.userId, id)).toEqual(["published"]);
    expect(await notified(outsider.viewer.userId, id)).toEqual([]);

    await db.insert(subscriptions).values({ userId: subscriber.viewer.userId, noticeId: id, delivery: "in_app" });
    await coord.caller.moderation.redact({ id, field: "person", index: 0, reason: "Protects a witness" });
    await fanOutAll(id);
    expect((await notified(subscriber.viewer.userId, id)).sort()).toEqual(["moderated", "published"]);
    expect(await notified(outsider.viewer.userId, id)).toEqual([]);
  });
});
