import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import { callerFor } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { feed, freshAuthor, member, type Session } from "./feed-search-fixtures";

// What a feed line carries: each kind's facts, never a person's name, the narrative cut short.

/** A seizure of two weighed items and one without mass, an expired alert, an arrest of two named people. */
async function createOneOfEachKind(author: Session) {
  const narrative = `## Summary\n\nThe **driver** declared [corn oil](https://example.org) — ${"word ".repeat(100)}`;
  await createThrough(
    author.caller,
    seizureInput({
      title: "Two items",
      narrative,
      items: [
        { substanceId: "acetic-anhydride", quantity: 2, unit: "t" },
        { substanceId: "acetic-anhydride", quantity: 1000, unit: "L" },
        { substanceId: null, description: "white powder", quantity: 3, unit: "barrel" },
      ],
    }),
  );
  await createThrough(
    author.caller,
    companyInput({
      title: "Expired alert",
      names: [
        { script: "cyrillic", name: "ТОО Альфа" },
        { script: "latin", name: "Alpha LLP" },
      ],
      expiresOn: "2020-01-01",
    }),
  );
  await createThrough(
    author.caller,
    arrestInput({
      title: "Two detained",
      persons: [
        { names: { latin: "Secretus Personus" }, role: "driver" },
        { names: { cyrillic: "Тайный Человек" }, role: "courier" },
      ],
    }),
  );
}

/** Every key of a line: nothing of a notice beyond what the list shows. */
const SUMMARY_KEYS = [
  "id",
  "kind",
  "title",
  "excerpt",
  "occurredOn",
  "occurredAt",
  "publishedAt",
  "crossing",
  "placeText",
  "countryCode",
  "countryName",
  "agency",
  "tlp",
  "status",
  "tags",
  "seizure",
  "companyAlert",
  "arrest",
];

describe("the feed", () => {
  it("returns summaries only: kind facts, never people's names, the narrative cut short", async () => {
    const { agency, author } = await freshAuthor();
    await createOneOfEachKind(author);
    const page = await feed(await member("kz-sgd-customs"), { agencyId: agency.id });
    const byTitle = Object.fromEntries(page.items.map((i) => [i.title, i]));

    const seizure = byTitle["Two items"]!;
    expect(seizure.excerpt.startsWith("Summary The driver declared corn oil — word word")).toBe(true);
    expect(seizure.excerpt.length).toBeLessThanOrEqual(201);
    expect(seizure.excerpt.endsWith("…")).toBe(true);
    // 2 t, plus 1000 L through the substance's density; barrels have no mass and are left out.
    expect(seizure.seizure).toMatchObject({ unidentified: true, substances: [{ id: "acetic-anhydride", name: "Acetic anhydride" }] });
    expect(seizure.seizure!.massKg).toBeGreaterThan(3000);
    expect(seizure).toMatchObject({
      crossing: { id: "torugart", name: "Torugart" },
      countryCode: "KG",
      countryName: "Kyrgyzstan",
      agency: { id: agency.id },
      tlp: "clear",
      status: "published",
    });
    // Names come in the reader's language.
    const russian = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", locale: "ru" }));
    const [inRussian] = (await feed(russian, { agencyId: agency.id, kind: "seizure" })).items;
    expect(inRussian).toMatchObject({ crossing: { name: "Торугарт" }, countryName: "Кыргызстан", seizure: { substances: [{ name: "Уксусный ангидрид" }] } });

    expect(byTitle["Expired alert"]!.companyAlert).toEqual({ name: "ТОО Альфа", expiresOn: "2020-01-01", expired: true });
    const arrest = byTitle["Two detained"]!;
    expect(arrest.arrest).toEqual({ personCount: 2 });
    expect(JSON.stringify(page)).not.toMatch(/Secretus|Тайный/);
    // Plain JSON throughout, as the router declares it (server/api/transformer.ts): superjson
    // would find nothing of its own to carry.
    expect(superjson.serialize(page).meta).toBeUndefined();
    expect(Object.keys(arrest).sort()).toEqual([...SUMMARY_KEYS].sort());
  });
});
