import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { noticeVersions } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import type { NoticeKind } from "~/schemas/notice-enums";
import { callerFor, refusal } from "~/tests/callers";
import { createThrough } from "~/tests/notices";
import { build, kindEdit, TITLE, user, type Caller } from "./write-read-fixtures";

// A notice of each kind written and read back, its edits kept as versions, and what an edit may
// not do to what was released.

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

/** What each kind's own details read back as, from the notice `build` makes. */
function expectKindDetails(kind: NoticeKind, notice: Awaited<ReturnType<Caller["notices"]["get"]>>["notice"]) {
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
}

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
    expectKindDetails(kind, notice);
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
