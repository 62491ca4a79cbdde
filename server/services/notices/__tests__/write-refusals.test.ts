import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { noticeLinks } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { refusal } from "~/tests/callers";
import { createThrough } from "~/tests/notices";
import { build, countByAuthor, user, type Notice } from "./write-read-fixtures";

// What a write refuses, writing nothing: a public arrest, unknown share targets, malformed ids.

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
