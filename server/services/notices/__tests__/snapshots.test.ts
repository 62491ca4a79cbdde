import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import { loadSnapshot, loadSnapshots } from "~/server/services/notices/snapshot";
import { callerFor } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";

// Exports and TAXII pages read their notices in bulk: each notice must come back whole and with
// only its own rows (items, persons, release lists), in the order asked for.
describe("notices read in bulk", () => {
  it("answers each notice in the order of the ids, with its own details and release lists, leaving out unknown ids", async () => {
    const { caller } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" }));
    const seizure = await createThrough(
      caller,
      seizureInput({
        title: "Two substances",
        tlp: "amber",
        releaseAgencyIds: ["kg-customs", "tj-customs"],
        items: [
          { substanceId: "acetic-anhydride", quantity: 3, unit: "t" },
          { substanceId: "potassium-permanganate", quantity: 40, unit: "kg" },
        ],
      }),
    );
    const alert = await createThrough(
      caller,
      companyInput({
        title: "Two names",
        names: [
          { script: "latin", name: "Beta Chem" },
          { script: "chinese", name: "贝塔化工" },
        ],
      }),
    );
    const arrest = await createThrough(
      caller,
      arrestInput({
        title: "Two persons",
        releaseCountryCodes: ["KG", "KZ"],
        persons: [
          { names: { latin: "First Person" }, nationalityCode: "KZ", birthYear: 1975, role: "driver" },
          { names: { latin: "Second Person" }, nationalityCode: "KG", birthYear: 1990, role: "organizer" },
        ],
      }),
    );
    const other = await createThrough(caller, seizureInput({ title: "One substance" }));
    const ids = [arrest.id, other.id, randomUUID(), seizure.id, alert.id];

    const bulk = await loadSnapshots(db, ids);
    expect(bulk.map((n) => n.title)).toEqual(["Two persons", "One substance", "Two substances", "Two names"]);
    // Each equals the notice read alone, field for field.
    for (const snapshot of bulk) expect(snapshot).toEqual(await loadSnapshot(db, snapshot.id));
    const [persons, one, two, names] = bulk;
    expect(persons!.arrest!.persons.map((p) => p.names.latin)).toEqual(["First Person", "Second Person"]);
    expect(persons!.release.countryCodes).toEqual(["KG", "KZ"]);
    expect(one!.seizure!.items.map((item) => item.substanceId)).toEqual(["acetic-anhydride"]);
    expect(two!.seizure!.items.map((item) => [item.substanceId, item.quantity])).toEqual([
      ["acetic-anhydride", 3],
      ["potassium-permanganate", 40],
    ]);
    expect(two!.release.agencies.map((a) => a.id)).toEqual(["kg-customs", "tj-customs"]);
    expect(one!.release.agencies).toEqual([]);
    expect(names!.companyAlert!.names.map((n) => n.name)).toEqual(["Beta Chem", "贝塔化工"]);
    expect(await loadSnapshots(db, [])).toEqual([]);
  });
});
