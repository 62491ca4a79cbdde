import { randomUUID } from "node:crypto";
import { desc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import { createAgency } from "~/db/seed/factories";
import { type FeedFilters } from "~/schemas/notices";
import { decodeCursor, encodeCursor } from "~/server/services/notices/cursor";
import { anonymousCaller, refusal } from "~/tests/callers";
import { allFeedPages, arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { feed, freshAuthor, member, titles } from "./feed-search-fixtures";

// The feed: its cursor, its filters, its pages, and which statuses it shows to whom.

describe("the cursor", () => {
  it("round-trips the millisecond timestamp and id, and refuses anything else", async () => {
    const at = new Date("2026-03-14T10:11:12.345Z");
    const id = randomUUID();
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
    for (const garbage of ["", "not a cursor", "@@@", Buffer.from("123.not-a-uuid").toString("base64url"), Buffer.from(`x.${id}`).toString("base64url")]) {
      expect(() => decodeCursor(garbage)).toThrow(/invalid/);
    }
    const session = await member("kz-sgd-customs");
    expect(await refusal(feed(session, {}, { cursor: "garbage!" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(feed(session, {}, { cursor: "Z2FyYmFnZQ" }))).toMatchObject({
      code: "BAD_REQUEST",
      key: "invalid",
      fields: { cursor: { key: "invalid" } },
    });
  });
});

describe("the feed", () => {
  it("combines filters: kind, crossing, country (incl. a seizure's origin and destination), substance, agency, TLP and dates", async () => {
    const { agency, author } = await freshAuthor();
    const mine = { agencyId: agency.id };
    const ids = {
      // Its route starts where it was seized: found once by that country, not twice.
      torugartSeizure: (await createThrough(author.caller, seizureInput({ title: "AA at Torugart", occurredOn: "2026-01-10", originCountries: ["KG"] }))).id,
      afghanSeizure: (
        await createThrough(
          author.caller,
          seizureInput({
            title: "Permanganate in Nangarhar",
            occurredOn: "2025-06-01",
            crossingId: null,
            placeText: "Nangarhar",
            countryCode: "AF",
            originCountries: ["CN"],
            destinationCountries: ["IR"],
            tlp: "green",
            items: [{ substanceId: "potassium-permanganate", quantity: 500, unit: "kg" }],
          }),
        )
      ).id,
      company: (await createThrough(author.caller, companyInput({ title: "Front company at Torugart", occurredOn: "2026-02-01" }))).id,
      arrest: (await createThrough(author.caller, arrestInput({ title: "Driver detained at Irkeshtam", crossingId: "irkeshtam", occurredOn: "2026-02-20" })))
        .id,
    };
    const reader = await member("kz-sgd-customs");
    const found = async (filters: FeedFilters) => (await feed(reader, { ...mine, ...filters })).items.map((i) => i.id).sort();
    const expected = (...list: string[]) => list.sort();

    expect(await found({})).toEqual(expected(...Object.values(ids)));
    expect(await found({ kind: "seizure" })).toEqual(expected(ids.torugartSeizure, ids.afghanSeizure));
    expect(await found({ crossingId: "torugart" })).toEqual(expected(ids.torugartSeizure, ids.company));
    expect(await found({ crossingId: "torugart", kind: "company_alert" })).toEqual(expected(ids.company));
    expect(await found({ countryCode: "KG" })).toEqual(expected(ids.torugartSeizure, ids.company, ids.arrest));
    expect(await found({ countryCode: "AF" })).toEqual(expected(ids.afghanSeizure));
    expect(await found({ countryCode: "CN" })).toEqual(expected(ids.afghanSeizure));
    expect(await found({ countryCode: "IR", kind: "seizure" })).toEqual(expected(ids.afghanSeizure));
    expect(await found({ countryCode: "TJ" })).toEqual([]);
    expect(await found({ substanceId: "acetic-anhydride" })).toEqual(expected(ids.torugartSeizure));
    expect(await found({ substanceId: "potassium-permanganate", countryCode: "KG" })).toEqual([]);
    expect(await found({ tlp: "amber" })).toEqual(expected(ids.arrest));
    expect(await found({ from: "2026-01-10", to: "2026-02-01" })).toEqual(expected(ids.torugartSeizure, ids.company));
    expect(await found({ from: "2026-02-02" })).toEqual(expected(ids.arrest));
    expect(await found({ to: "2025-12-31", kind: "seizure" })).toEqual(expected(ids.afghanSeizure));
    // An AMBER arrest released to Kazakhstan is not in a Tajik reader's feed, whatever the filters.
    const tajik = await member("tj-customs");
    expect((await feed(tajik, mine)).items.map((i) => i.id).sort()).toEqual(expected(ids.torugartSeizure, ids.afghanSeizure, ids.company));
  });

  it("is refused without a session", async () => {
    expect(await refusal(anonymousCaller().notices.feed({}))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("the feed's pages", () => {
  it("pages by keyset: inserts between pages cause no duplicates and no gaps", async () => {
    const { agency, author } = await freshAuthor();
    for (let i = 0; i < 7; i++) await createThrough(author.caller, seizureInput({ title: `Older ${i}` }));
    const expected = (
      await db.select({ id: notices.id }).from(notices).where(eq(notices.agencyId, agency.id)).orderBy(desc(notices.publishedAt), desc(notices.id))
    ).map((r) => r.id);
    const reader = await member("kz-sgd-customs");
    const filters = { agencyId: agency.id };

    const first = await feed(reader, filters, { limit: 3 });
    expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 3));
    expect(first.nextCursor).toEqual(expect.any(String));
    await createThrough(author.caller, seizureInput({ title: "Newer 1" }));
    await createThrough(author.caller, seizureInput({ title: "Newer 2" }));
    const second = await feed(reader, filters, { limit: 3, cursor: first.nextCursor! });
    const third = await feed(reader, filters, { limit: 3, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(expected);
    expect(third.nextCursor).toBeNull();
    // The newcomers head the feed for whoever starts again.
    expect(titles(await feed(reader, filters, { limit: 2 })).sort()).toEqual(["Newer 1", "Newer 2"]);
  });

  it("orders notices published in the same millisecond by id, across page boundaries", async () => {
    const { agency, author } = await freshAuthor();
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await createThrough(author.caller, seizureInput({ title: `Tie ${i}` }))).id);
    await db
      .update(notices)
      .set({ publishedAt: new Date("2026-03-14T08:00:00.123Z") })
      .where(inArray(notices.id, created));
    const reader = await member("kz-sgd-customs");
    for (const limit of [1, 2, 4]) {
      expect(await allFeedPages(reader.caller, { agencyId: agency.id }, limit)).toEqual([...created].sort().reverse());
    }
  });
});

describe("the feed's statuses", () => {
  it("leaves retracted notices out, but finds them with the status filter", async () => {
    const { agency, author } = await freshAuthor();
    const kept = await createThrough(author.caller, seizureInput({ title: "Still standing" }));
    const gone = await createThrough(author.caller, seizureInput({ title: "Withdrawn seizure" }));
    await author.caller.notices.retract({ id: gone.id, reason: "Duplicate of another notice" });
    const reader = await member("kz-sgd-customs");
    expect((await feed(reader, { agencyId: agency.id })).items.map((i) => i.id)).toEqual([kept.id]);
    const retracted = await feed(reader, { agencyId: agency.id, status: "retracted" });
    expect(retracted.items.map((i) => [i.id, i.status])).toEqual([[gone.id, "retracted"]]);
  });

  it("shows drafts to their author only, and pending notices to the author and the agency's chiefs", async () => {
    const { agency, author } = await freshAuthor();
    const colleague = await member(agency.id);
    const chief = await member(agency.id, "chief");
    const draft = await createThrough(author.caller, seizureInput({ title: "Half-written" }), { asDraft: true });
    const filters = { agencyId: agency.id, status: "draft" } as const;
    expect((await feed(author, filters)).items.map((i) => i.id)).toEqual([draft.id]);
    expect((await feed(colleague, filters)).items).toEqual([]);
    expect((await feed(chief, filters)).items).toEqual([]);
    expect((await feed(author, { agencyId: agency.id })).items).toEqual([]);

    const strict = await createAgency(db, { countryCode: "KG", requiresRelease: true });
    const analyst = await member(strict.id);
    const waiting = await createThrough(analyst.caller, seizureInput({ title: "Waiting for the chief" }));
    expect(waiting.status).toBe("pending_release");
    const pending = { agencyId: strict.id, status: "pending_release" } as const;
    expect((await feed(analyst, pending)).items.map((i) => i.id)).toEqual([waiting.id]);
    expect((await feed(await member(strict.id, "chief"), pending)).items.map((i) => i.id)).toEqual([waiting.id]);
    expect((await feed(await member("kz-sgd-customs", "chief"), pending)).items).toEqual([]);
  });
});
