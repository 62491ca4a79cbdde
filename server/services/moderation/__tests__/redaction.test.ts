import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { moderationActions, notices, noticeVersions } from "~/db/schema";
import { refusal } from "~/tests/callers";
import { arrestInput, companyInput, createThrough } from "~/tests/notices";
import { admin, coordinator, eventsOf, session } from "./moderation-fixtures";

// Redaction: a name removed from every surface, kept only in the audit log.

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
