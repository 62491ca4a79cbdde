import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { generateNotices } from "~/bench/generate";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { callerFor } from "~/tests/callers";
import { createThrough, seizureInput, substanceIndexDrift } from "~/tests/notices";

// A seizure's substances, unidentified items and total mass are kept on the notice by a trigger
// on seizure_items (migration 0012): the feed lists and filters by them without reading the items.

const summaryOf = async (id: string) =>
  (
    await db
      .select({ substanceIds: notices.substanceIds, unidentified: notices.seizureUnidentified, massKg: notices.seizureMassKg })
      .from(notices)
      .where(eq(notices.id, id))
  )[0];

describe("a seizure's summary on the notice", () => {
  it("follows its items through create and edit, and is what the feed shows and filters by", async () => {
    const { caller } = await callerFor(await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" }));
    const created = await createThrough(
      caller,
      seizureInput({
        items: [
          { substanceId: "acetic-anhydride", quantity: 2, unit: "t" },
          // No substance, and a volume without a density: unidentified, and no mass to add.
          { substanceId: null, description: "Brown liquid", quantity: 10, unit: "L" },
          { substanceId: "acetic-anhydride", quantity: 500, unit: "kg" },
          { substanceId: "acetone", quantity: 3, unit: "unit" },
        ],
      }),
    );
    expect(await summaryOf(created.id)).toEqual({ substanceIds: ["acetic-anhydride", "acetone"], unidentified: true, massKg: 2500 });

    const line = (await caller.notices.feed({ filters: { substanceId: "acetone" } })).items.find((i) => i.id === created.id);
    expect(line?.seizure).toEqual({
      substances: [
        { id: "acetic-anhydride", name: "Acetic anhydride" },
        { id: "acetone", name: "Acetone" },
      ],
      unidentified: true,
      massKg: 2500,
    });

    await caller.notices.update({
      id: created.id,
      version: 1,
      notice: seizureInput({ items: [{ substanceId: "potassium-permanganate", quantity: 250, unit: "g" }] }),
    });
    expect(await summaryOf(created.id)).toEqual({ substanceIds: ["potassium-permanganate"], unidentified: false, massKg: 0.25 });
    const ids = async (substanceId: string) => (await caller.notices.feed({ filters: { substanceId } })).items.map((i) => i.id);
    expect(await ids("acetone")).not.toContain(created.id);
    expect(await ids("potassium-permanganate")).toContain(created.id);
  });

  it("is written by the benchmark's generator as the trigger would write it", async () => {
    await generateNotices(process.env.DATABASE_URL!, 2_000);
    const seizures = sql`(SELECT id FROM notices WHERE kind = 'seizure')`;
    const [summarized] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notices WHERE kind = 'seizure' AND substance_ids <> '{}'`);
    expect(summarized!.n).toBeGreaterThan(500);
    // Recomputed by the trigger's own function in a transaction that is rolled back: nothing may change.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE before_refresh ON COMMIT DROP AS
          SELECT id, substance_ids, seizure_unidentified, seizure_mass_kg FROM notices WHERE kind = 'seizure'`);
        await tx.execute(sql`SELECT seizure_summary_refresh(ARRAY${seizures})`);
        const [refreshed] = await tx.execute<{ changed: number }>(sql`
          SELECT count(*)::int AS changed FROM notices n JOIN before_refresh b USING (id)
          WHERE (n.substance_ids, n.seizure_unidentified, n.seizure_mass_kg) IS DISTINCT FROM (b.substance_ids, b.seizure_unidentified, b.seizure_mass_kg)`);
        expect(refreshed!.changed).toBe(0);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === "Rollback")) throw error;
      });
    // And the substance filter's index (migration 0019), filled in one statement, as the trigger on notices writes it.
    const [indexed] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notice_substances`);
    expect(indexed!.n).toBeGreaterThan(500);
    expect(await substanceIndexDrift()).toBe(0);
  });
});
