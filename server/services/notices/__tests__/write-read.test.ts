import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, noticeLinks, notices, noticeVersions } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { NoticeFormValues } from "~/schemas/notices";
import { callerFor, refusal } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
type Notice = NoticeFormValues;

const TITLE = "Acetic anhydride mislabelled as corn oil";
// AMBER released to Kazakhstan: a Kazakh agency reads these notices and a Tajik one does not.
const amberToKz = { title: TITLE, tlp: "amber" as const, releaseCountryCodes: ["KZ"] };

const build = {
  seizure: (over: Parameters<typeof seizureInput>[0] = {}) => seizureInput({ ...amberToKz, ...over }),
  company_alert: (over: Parameters<typeof companyInput>[0] = {}) => companyInput({ ...amberToKz, ...over }),
  arrest: (over: Parameters<typeof arrestInput>[0] = {}) => arrestInput({ ...amberToKz, chargeIds: ["kg-cc2021-current"], ...over }),
} satisfies Record<NoticeKind, (over?: never) => Notice>;

/** A change to a field of the kind's own details, to see it in the history. */
const kindEdit: Record<NoticeKind, { notice: Notice; field: string }> = {
  seizure: { notice: build.seizure({ title: "Edited title", items: [{ substanceId: "acetic-anhydride", quantity: 3, unit: "t" }] }), field: "seizure" },
  company_alert: { notice: build.company_alert({ title: "Edited title", owners: ["A. Owner"] }), field: "companyAlert" },
  arrest: { notice: build.arrest({ title: "Edited title", arrestStatus: "charged" }), field: "arrest" },
};

const createWithKey = (caller: Caller, notice: Notice, idempotencyKey: string) => caller.notices.create({ idempotencyKey, notice });

async function user(agencyId: string, role: "analyst" | "chief" | "coordinator" | "agency_admin" = "analyst") {
  return (await callerFor(await createUser(db, { agencyId, role }))).caller;
}

const countByAuthor = async (caller: Caller) => db.$count(notices, eq(notices.authorId, (await caller.viewer.me()).userId));

const COMMON_KEYS = [
  "id",
  "kind",
  "title",
  "narrative",
  "occurredOn",
  "occurredAt",
  "crossing",
  "placeText",
  "countryCode",
  "latitude",
  "longitude",
  "agency",
  "author",
  "tags",
  "tlp",
  "allowDeconfliction",
  "release",
  "status",
  "sourceReliability",
  "infoCredibility",
  "handlingCode",
  "version",
  "publishedAt",
  "releasedBy",
  "retractedAt",
  "retractedReason",
  "createdAt",
  "updatedAt",
];
const DETAIL_KEY: Record<NoticeKind, string> = { seizure: "seizure", company_alert: "companyAlert", arrest: "arrest" };

describe.each(["seizure", "company_alert", "arrest"] as const)("a %s notice", (kind) => {
  it("is created and read back in its explicit shape", async () => {
    const author = await user("kg-mvd-sbnon");
    const created = await createThrough(author, build[kind]());
    expect(created).toMatchObject({ status: "published", created: true });

    const { notice, can, links, versions } = await author.notices.get({ id: created.id });
    expect(Object.keys(notice).sort()).toEqual([...COMMON_KEYS, DETAIL_KEY[kind]].sort());
    expect(notice).toMatchObject({
      kind,
      title: TITLE,
      occurredOn: "2026-03-14",
      occurredAt: null,
      crossing: { id: "torugart" },
      countryCode: "KG",
      agency: { id: "kg-mvd-sbnon" },
      tlp: "amber",
      release: { agencies: [], countryCodes: ["KZ"], recipients: [] },
      status: "published",
      sourceReliability: "B",
      infoCredibility: 2,
      handlingCode: "intelligence_only",
      version: 1,
    });
    expect(notice.publishedAt).not.toBeNull();
    expect(links).toEqual([]);
    expect(versions).toEqual([]);
    expect(can).toMatchObject({ edit: true, retract: true, release: false, submit: false, link: true, readLog: true });
    if (kind === "seizure") {
      expect(notice.seizure?.items).toEqual([
        {
          substanceId: "acetic-anhydride",
          substance: expect.objectContaining({ en: expect.any(String) }),
          description: null,
          quantity: 2,
          unit: "t",
          massKg: 2000,
        },
      ]);
    }
    if (kind === "company_alert") {
      expect(notice.companyAlert).toMatchObject({
        names: [{ script: "latin", name: "Alpha Trade LLC" }],
        grounds: ["misdeclaration"],
        expiresOn: "2027-03-14",
      });
    }
    if (kind === "arrest") {
      expect(notice.arrest).toEqual({
        arrestingAgencyId: null,
        status: "detained",
        persons: [{ names: { latin: "Ivan Petrov", cyrillic: "Иван Петров" }, nationalityCode: "KZ", birthYear: 1980, role: "driver" }],
        chargeIds: ["kg-cc2021-current"],
        companies: [],
        phones: [],
      });
    }
  });

  it("is edited with its history kept: the previous version, who edited and what changed", async () => {
    const author = await user("kg-mvd-sbnon");
    const kzReader = await user("kz-sgd-customs");
    const { id } = await createThrough(author, build[kind]());
    const edit = kindEdit[kind];

    const result = await author.notices.update({ id, version: 1, notice: edit.notice });
    expect(result.version).toBe(2);
    expect([...result.changedFields].sort()).toEqual(["title", edit.field].sort());

    const [row] = await db.select().from(noticeVersions).where(eq(noticeVersions.noticeId, id));
    expect(row).toMatchObject({ version: 1, changedFields: result.changedFields });

    // Any reader sees that it was edited and what changed; the earlier wording stays with the
    // originating agency.
    const { notice, versions } = await kzReader.notices.get({ id });
    expect(notice).toMatchObject({ title: "Edited title", version: 2 });
    expect(versions).toEqual([{ version: 1, changedFields: result.changedFields, editedAt: expect.any(Date), editor: expect.any(String) }]);
    await expect(kzReader.notices.version({ id, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const colleague = await user("kg-mvd-sbnon");
    const old = await colleague.notices.version({ id, version: 1 });
    expect(old.snapshot).toMatchObject({ title: TITLE, version: 1 });
    expect(old.snapshot[edit.field]).not.toEqual((notice as Record<string, unknown>)[edit.field]);
    await expect(colleague.notices.version({ id, version: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A reader outside the release sees neither the notice nor its history.
    const tjReader = await user("tj-customs");
    await expect(tjReader.notices.version({ id, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Another agency may read it but not change it.
    const kzAnalyst = await user("kz-sgd-customs");
    expect(await refusal(kzAnalyst.notices.update({ id, version: 2, notice: build[kind]() }))).toMatchObject({ code: "FORBIDDEN", key: "notYourNotice" });
    expect(await db.$count(noticeVersions, eq(noticeVersions.noticeId, id))).toBe(1);
  });

  it("is linked to another notice both sides can read, and unlinked", async () => {
    const author = await user("kg-mvd-sbnon");
    const kzReader = await user("kz-sgd-customs");
    const { id } = await createThrough(author, build[kind]());
    const { id: otherId } = await createThrough(author, build.seizure({ tlp: "green", releaseCountryCodes: [] }));

    await kzReader.notices.link({ id, otherId });
    await kzReader.notices.link({ id: otherId, otherId: id });
    expect(await db.$count(noticeLinks)).toBe(1);
    expect((await author.notices.get({ id })).links.map((l) => l.id)).toEqual([otherId]);
    expect((await author.notices.get({ id: otherId })).links.map((l) => l.id)).toEqual([id]);

    // From a reader who cannot see this notice, the other one shows no link.
    const tjReader = await user("tj-customs");
    expect((await tjReader.notices.get({ id: otherId })).links).toEqual([]);
    expect(await refusal(tjReader.notices.unlink({ id, otherId }))).toMatchObject({ code: "NOT_FOUND" });

    expect(await refusal(author.notices.link({ id, otherId: id }))).toMatchObject({ code: "BAD_REQUEST", fields: { otherId: { key: "linkToSelf" } } });

    await kzReader.notices.unlink({ id, otherId });
    expect(await db.$count(noticeLinks)).toBe(0);
    expect(await refusal(kzReader.notices.unlink({ id, otherId }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is retracted with a reason, and stays readable by its readers only", async () => {
    const author = await user("kg-mvd-sbnon");
    const kzReader = await user("kz-sgd-customs");
    const tjReader = await user("tj-customs");
    const { id } = await createThrough(author, build[kind]());

    expect(await refusal(kzReader.notices.retract({ id, reason: "Not ours to retract" }))).toMatchObject({ code: "FORBIDDEN", key: "notYourNotice" });
    expect(await refusal(tjReader.notices.retract({ id, reason: "Not visible to us" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await author.notices.get({ id })).notice.status).toBe("published");

    await author.notices.retract({ id, reason: "Laboratory test was negative" });
    const { notice, can } = await kzReader.notices.get({ id });
    expect(notice).toMatchObject({ status: "retracted", retractedReason: "Laboratory test was negative" });
    expect(notice.retractedAt).not.toBeNull();
    expect((await author.notices.get({ id })).can).toMatchObject({ edit: false, retract: false });
    expect(can).toMatchObject({ edit: false, retract: false });
    await expect(tjReader.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await refusal(author.notices.retract({ id, reason: "Once more" }))).toMatchObject({ code: "CONFLICT", key: "noticeRetracted" });
    expect(await refusal(author.notices.update({ id, version: 1, notice: build[kind]({ title: "Too late" }) }))).toMatchObject({
      code: "CONFLICT",
      key: "noticeRetracted",
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notice.retract"), eq(auditLog.targetId, id)));
    expect(entry?.details).toEqual({ reason: "Laboratory test was negative" });
  });
});

describe("an arrest notification names people", () => {
  it("is refused at CLEAR and GREEN, on create and on edit, with nothing written", async () => {
    const author = await user("kg-mvd-sbnon");
    // The schema refuses it, so the field is named by its path in the procedure's input.
    for (const tlp of ["clear", "green"] as const) {
      expect(await refusal(createThrough(author, build.arrest({ tlp, releaseCountryCodes: [] })))).toMatchObject({
        code: "BAD_REQUEST",
        fields: { "notice.tlp": { key: "arrestNotPublic" } },
      });
    }
    expect(await countByAuthor(author)).toBe(0);

    const { id } = await createThrough(author, build.arrest());
    expect(await refusal(author.notices.update({ id, version: 1, notice: build.arrest({ tlp: "green", releaseCountryCodes: [] }) }))).toMatchObject({
      fields: { "notice.tlp": { key: "arrestNotPublic" } },
    });
    expect((await author.notices.get({ id })).notice).toMatchObject({ tlp: "amber", version: 1 });
  });
});

describe("idempotent create", () => {
  it("makes one notice for a submission sent twice", async () => {
    const author = await user("kg-mvd-sbnon");
    const idempotencyKey = randomUUID();
    const first = await createWithKey(author, build.seizure(), idempotencyKey);
    const second = await createWithKey(author, build.seizure(), idempotencyKey);
    expect(second).toEqual({ id: first.id, status: "published", created: false });
    expect(await countByAuthor(author)).toBe(1);
  });

  it("refuses the same key with other content (409), instead of answering with the first notice", async () => {
    const author = await user("kg-mvd-sbnon");
    const idempotencyKey = randomUUID();
    const first = await createWithKey(author, build.seizure(), idempotencyKey);
    expect(await refusal(createWithKey(author, build.seizure({ title: "A retry with other text" }), idempotencyKey))).toEqual({
      code: "CONFLICT",
      key: "idempotencyKeyReused",
      fields: {},
    });
    expect(await refusal(author.notices.create({ idempotencyKey, asDraft: true, notice: build.seizure() }))).toMatchObject({ code: "CONFLICT" });
    expect(await countByAuthor(author)).toBe(1);
    expect((await author.notices.get({ id: first.id })).notice.title).toBe(TITLE);
    // The same content again is still the same submission; the other text goes out under a new key.
    expect(await createWithKey(author, build.seizure(), idempotencyKey)).toEqual({ id: first.id, status: "published", created: false });
    expect(await createWithKey(author, build.seizure({ title: "A retry with other text" }), randomUUID())).toMatchObject({ created: true });
  });

  it("makes one notice for two concurrent submissions with the same key", async () => {
    const author = await user("kg-mvd-sbnon");
    const idempotencyKey = randomUUID();
    const results = await Promise.all([
      createWithKey(author, build.company_alert(), idempotencyKey),
      createWithKey(author, build.company_alert(), idempotencyKey),
    ]);
    expect(results[0].id).toBe(results[1].id);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await countByAuthor(author)).toBe(1);
  });

  it("keeps keys per author: another user's same key is another notice", async () => {
    const idempotencyKey = randomUUID();
    const a = await createWithKey(await user("kg-mvd-sbnon"), build.seizure(), idempotencyKey);
    const b = await createWithKey(await user("kg-mvd-sbnon"), build.seizure(), idempotencyKey);
    expect(a.id).not.toBe(b.id);
  });
});

describe("concurrent edits", () => {
  it("refuses the second edit made from the same version and keeps the first", async () => {
    const author = await user("kg-mvd-sbnon");
    const colleague = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure());
    await author.notices.update({ id, version: 1, notice: build.seizure({ title: "First editor's title" }) });
    expect(await refusal(colleague.notices.update({ id, version: 1, notice: build.seizure({ title: "Second editor's title" }) }))).toMatchObject({
      code: "CONFLICT",
      key: "versionConflict",
    });
    expect((await author.notices.get({ id })).notice).toMatchObject({ title: "First editor's title", version: 2 });
    expect(await db.$count(noticeVersions, eq(noticeVersions.noticeId, id))).toBe(1);

    // Racing for the row: exactly one of two simultaneous edits lands.
    const outcomes = await Promise.allSettled([
      author.notices.update({ id, version: 2, notice: build.seizure({ title: "Racer A" }) }),
      colleague.notices.update({ id, version: 2, notice: build.seizure({ title: "Racer B" }) }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect((await author.notices.get({ id })).notice.version).toBe(3);
  });

  it("refuses to turn a notice into another kind", async () => {
    const author = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure());
    expect(await refusal(author.notices.update({ id, version: 1, notice: build.company_alert() }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { "notice.kind": { key: "kindChange" } },
    });
  });
});

describe("drafts and release by a chief", () => {
  it("keeps a draft to its author until submitted", async () => {
    const author = await user("kg-mvd-sbnon");
    const colleague = await user("kg-mvd-sbnon", "chief");
    const { id, status } = await createThrough(author, build.seizure({ tlp: "green", releaseCountryCodes: [] }), { asDraft: true });
    expect(status).toBe("draft");
    expect((await author.notices.get({ id })).can).toMatchObject({ submit: true, retract: false });
    await expect(colleague.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(author.notices.retract({ id, reason: "Not published yet" }))).toMatchObject({ code: "CONFLICT", key: "notPublished" });

    await author.notices.submit({ id });
    expect((await colleague.notices.get({ id })).notice.status).toBe("published");
    expect(await refusal(author.notices.submit({ id }))).toMatchObject({ code: "CONFLICT", key: "notADraft" });
  });

  it("holds an analyst's notice for a chief's release where the agency requires it", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", requiresRelease: true });
    const analyst = await user(agency.id);
    const colleague = await user(agency.id);
    const chief = await user(agency.id, "chief");
    const kzReader = await user("kz-sgd-customs");
    const kzChief = await user("kz-sgd-customs", "chief");
    const coordinator = await user("unodc-roca", "coordinator");

    const { id, status } = await createThrough(analyst, build.seizure({ releaseAgencyIds: ["kz-sgd-customs"], releaseCountryCodes: [] }));
    expect(status).toBe("pending_release");
    for (const outsider of [kzReader, kzChief, colleague, coordinator]) {
      await expect(outsider.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await refusal(kzChief.notices.release({ id }))).toMatchObject({ code: "NOT_FOUND" });
    const held = await chief.notices.get({ id });
    expect(held.notice.status).toBe("pending_release");
    expect(held.can.release).toBe(true);

    await chief.notices.release({ id });
    const released = await kzReader.notices.get({ id });
    expect(released.notice).toMatchObject({ status: "published", releasedBy: { id: (await chief.viewer.me()).userId } });
    expect(released.notice.publishedAt).not.toBeNull();
    await expect(coordinator.notices.get({ id })).resolves.toBeTruthy();
    await expect((await user("tj-customs")).notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(chief.notices.release({ id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("publishes a waiting notice that its author makes RED: no chief could ever release it", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", requiresRelease: true });
    const analyst = await user(agency.id);
    const chief = await user(agency.id, "chief");
    const recipientUser = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const { id, status } = await createThrough(analyst, build.seizure());
    expect(status).toBe("pending_release");

    await analyst.notices.update({ id, version: 1, notice: build.seizure({ tlp: "red", releaseCountryCodes: [], recipientIds: [recipientUser.id] }) });
    const { notice } = await (await callerFor(recipientUser)).caller.notices.get({ id });
    expect(notice.status).toBe("published");
    expect(notice.publishedAt).not.toBeNull();
    await expect(chief.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("who reads what", () => {
  it("shows a RED notice to its author and recipients only", async () => {
    const author = await user("kg-mvd-sbnon");
    const recipientUser = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const recipient = (await callerFor(recipientUser)).caller;
    const { id, status } = await createThrough(author, build.arrest({ tlp: "red", releaseCountryCodes: [], recipientIds: [recipientUser.id] }));
    expect(status).toBe("published");

    await expect(author.notices.get({ id })).resolves.toBeTruthy();
    expect((await recipient.notices.get({ id })).notice.release.recipients).toEqual([{ id: recipientUser.id, name: recipientUser.name }]);
    for (const outsider of [
      await user("kg-mvd-sbnon"),
      await user("kg-mvd-sbnon", "chief"),
      await user("kz-sgd-customs"),
      await user("unodc-roca", "coordinator"),
    ]) {
      await expect(outsider.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("audits a read of an AMBER notice and shows it in the originating agency's read log only", async () => {
    const author = await user("kg-mvd-sbnon");
    const kgChief = await user("kg-mvd-sbnon", "chief");
    const kzReaderUser = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", name: "Aigerim Reader" });
    const kzReader = (await callerFor(kzReaderUser)).caller;
    const { id } = await createThrough(author, build.seizure());

    await kzReader.notices.get({ id });
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notice.read"), eq(auditLog.targetId, id)));
    expect(reads).toEqual([expect.objectContaining({ actorUserId: kzReaderUser.id, actorAgencyId: "kz-sgd-customs", details: { tlp: "amber" } })]);

    const log = await kgChief.notices.readLog({ id });
    expect(log).toEqual([{ at: expect.any(Date), reader: "Aigerim Reader", agency: expect.objectContaining({ id: "kz-sgd-customs" }) }]);
    await expect((await user("unodc-roca", "coordinator")).notices.readLog({ id })).resolves.toHaveLength(1);
    // A reader of the notice outside its agency, and a third agency, are told it does not exist.
    expect(await refusal(kzReader.notices.readLog({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal((await user("tj-customs", "chief")).notices.readLog({ id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not audit reads of GREEN notices", async () => {
    const author = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure({ tlp: "green", releaseCountryCodes: [] }));
    await (await user("tj-customs")).notices.get({ id });
    expect(await db.$count(auditLog, and(eq(auditLog.action, "notice.read"), eq(auditLog.targetId, id)))).toBe(0);
  });
});

describe("share targets are checked against the database", () => {
  it("refuses unknown and inactive agencies, non-member countries and inactive recipients, writing nothing", async () => {
    const author = await user("kg-mvd-sbnon");
    const disabled = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", status: "disabled" });
    const cases: [Notice, string, string][] = [
      [build.seizure({ tlp: "amber_strict", releaseCountryCodes: [], releaseAgencyIds: ["no-such-agency"] }), "releaseAgencyIds", "unknownAgency"],
      [build.seizure({ releaseAgencyIds: ["incb"] }), "releaseAgencyIds", "unknownAgency"],
      [build.seizure({ releaseCountryCodes: ["AF"] }), "releaseCountryCodes", "notMemberCountry"],
      [build.seizure({ releaseCountryCodes: ["QQ"] }), "releaseCountryCodes", "notMemberCountry"],
      [build.arrest({ tlp: "red", releaseCountryCodes: [], recipientIds: [disabled.id] }), "recipientIds", "unknownRecipient"],
      [build.arrest({ tlp: "red", releaseCountryCodes: [], recipientIds: [randomUUID()] }), "recipientIds", "unknownRecipient"],
      [build.seizure({ crossingId: "nowhere" }), "crossingId", "unknownCrossing"],
      [build.seizure({ items: [{ substanceId: "no-such-substance", quantity: 1, unit: "kg" }] }), "items", "unknownSubstance"],
      [build.arrest({ chargeIds: ["no-such-provision"] }), "chargeIds", "unknownProvision"],
    ];
    for (const [notice, field, key] of cases) {
      expect(await refusal(createThrough(author, notice)), `${field}: ${key}`).toMatchObject({ code: "BAD_REQUEST", fields: { [`notice.${field}`]: { key } } });
    }
    expect(await countByAuthor(author)).toBe(0);

    // The same checks guard an edit: the notice keeps its release list.
    const { id } = await createThrough(author, build.seizure());
    expect(await refusal(author.notices.update({ id, version: 1, notice: build.seizure({ releaseAgencyIds: ["incb"] }) }))).toMatchObject({
      fields: { "notice.releaseAgencyIds": { key: "unknownAgency" } },
    });
    expect((await author.notices.get({ id })).notice.release).toEqual({ agencies: [], countryCodes: ["KZ"], recipients: [] });
  });
});

describe("malformed and unknown ids", () => {
  it("answers BAD_REQUEST or NOT_FOUND, never INTERNAL", async () => {
    const author = await user("kg-mvd-sbnon");
    const chief = await user("kg-mvd-sbnon", "chief");
    const { id } = await createThrough(author, build.seizure());
    for (const bad of ["not-a-uuid", "", "'; drop table notices; --", `${id}x`, "00000000-0000-0000-0000-00000000000g"]) {
      const outcomes = [
        await refusal(author.notices.get({ id: bad })),
        await refusal(author.notices.version({ id: bad, version: 1 })),
        await refusal(chief.notices.readLog({ id: bad })),
        await refusal(author.notices.retract({ id: bad, reason: "Malformed" })),
        await refusal(author.notices.submit({ id: bad })),
        await refusal(chief.notices.release({ id: bad })),
        await refusal(author.notices.link({ id, otherId: bad })),
        await refusal(author.notices.unlink({ id, otherId: bad })),
      ];
      for (const outcome of outcomes) expect(["BAD_REQUEST", "NOT_FOUND"]).toContain(outcome.code);
    }
    const unknown = randomUUID();
    expect(await refusal(author.notices.get({ id: unknown }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(author.notices.link({ id, otherId: unknown }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(author.notices.update({ id: unknown, version: 1, notice: build.seizure() }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a link to a notice the viewer cannot read, writing nothing", async () => {
    const author = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure());
    const { id: hidden } = await createThrough(await user("tj-customs"), build.seizure({ releaseCountryCodes: ["TJ"] }));
    expect(await refusal(author.notices.link({ id, otherId: hidden }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(author.notices.link({ id: hidden, otherId: id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.$count(noticeLinks, inArray(noticeLinks.noticeA, [id, hidden]))).toBe(0);
    expect(await db.$count(noticeLinks, inArray(noticeLinks.noticeB, [id, hidden]))).toBe(0);
  });
});

describe("edits cannot widen what was released", () => {
  it("keeps the earlier wording for the author and the originating agency, and a RED version for the author alone", async () => {
    const authorUser = await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" });
    const author = (await callerFor(authorUser)).caller;
    const colleague = await user("kg-mvd-sbnon");
    const outsider = await user("tj-customs");
    const recipient = await createUser(db, { agencyId: "tj-customs", role: "chief" });
    const { id } = await createThrough(
      author,
      build.seizure({ tlp: "red", releaseCountryCodes: [], recipientIds: [recipient.id], narrative: "Informant: SENTINEL-NAME" }),
    );
    await author.notices.update({ id, version: 1, notice: build.seizure({ tlp: "green", releaseCountryCodes: [], narrative: "Cleaned." }) });

    // Everyone now reads the GREEN notice and sees that it was edited, but not the RED wording.
    const seen = await outsider.notices.get({ id });
    expect(seen.versions).toHaveLength(1);
    expect(seen.can.pastVersions).toBe(false);
    expect(await refusal(outsider.notices.version({ id, version: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(colleague.notices.version({ id, version: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await author.notices.version({ id, version: 1 })).snapshot).toMatchObject({ narrative: "Informant: SENTINEL-NAME" });
  });

  it("sends an analyst's edit of a released notice back to the chief where the agency requires release", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", requiresRelease: true });
    const analyst = await user(agency.id);
    const chief = await user(agency.id, "chief");
    const outsider = await user("kz-sgd-customs");
    const { id } = await createThrough(analyst, build.seizure());
    await chief.notices.release({ id });
    expect((await outsider.notices.get({ id })).notice.title).toBe(TITLE);

    await analyst.notices.update({ id, version: 1, notice: build.seizure({ tlp: "green", releaseCountryCodes: [], title: "Text no chief approved" }) });
    expect(await refusal(outsider.notices.get({ id }))).toMatchObject({ code: "NOT_FOUND" });
    await chief.notices.release({ id });
    expect((await outsider.notices.get({ id })).notice.title).toBe("Text no chief approved");
  });
});
