import { count, eq, getTableColumns } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { notices, seizureItems } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { LOCALES } from "~/i18n/locales";
import { DATE_MAX, DATE_MIN } from "~/schemas/fields";
import { SEIZURE_ITEMS_MAX } from "~/schemas/notice-limits";
import { QUANTITY_MAX } from "~/schemas/notices";
import { callerFor, fieldsOf, refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";

// The four inputs of the issue that PostgreSQL refused with a 500 ("server error, retry", which
// can never succeed): each is now a message next to its field, and nothing is written.

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
let analyst: Caller;
let analystId: string;

beforeAll(async () => {
  const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
  analystId = user.id;
  analyst = (await callerFor(user)).caller;
});

const noticesOfAnalyst = async () => (await db.select({ n: count() }).from(notices).where(eq(notices.authorId, analystId)))[0]!.n;

describe("input PostgreSQL would refuse", () => {
  it("refuses a NUL or a lone surrogate in any text with a field message, writing nothing", async () => {
    const before = await noticesOfAnalyst();
    expect(await fieldsOf(createThrough(analyst, seizureInput({ title: "Drums at Torugart\u0000" })))).toEqual({
      "notice.title": { key: "invalidCharacters" },
    });
    expect(await fieldsOf(createThrough(analyst, seizureInput({ narrative: "Half an emoji \uD83D here" })))).toEqual({
      "notice.narrative": { key: "invalidCharacters" },
    });
    expect(await fieldsOf(createThrough(analyst, companyInput({ owners: ["Ivan\u0000Petrov"] })))).toEqual({ "notice.owners.0": { key: "invalidCharacters" } });
    expect(await fieldsOf(analyst.notices.feed({ filters: { crossingId: "torugart\u0000" } }))).toEqual({ "filters.crossingId": { key: "invalidCharacters" } });
    expect(await fieldsOf(analyst.profile.updatePreferences({ name: "A\u0000", locale: "en", timeZone: "Asia/Almaty" }))).toEqual({
      name: { key: "invalidCharacters" },
    });
    expect(await noticesOfAnalyst()).toBe(before);
  });

  it("refuses a quantity beyond what the columns hold with a field message, and stores the largest it accepts", async () => {
    const refused = await refusal(createThrough(analyst, seizureInput({ items: [{ substanceId: "acetic-anhydride", quantity: 1e9, unit: "t" }] })));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", fields: { "notice.items.0.quantity": { key: "tooBig", values: { max: QUANTITY_MAX } } } });

    // The bound is chosen for numeric(14, 3) in kg: the whole seizure's mass at the largest
    // quantity of every item, in tonnes, must still fit the columns it is written to.
    const { precision, scale } = getTableColumns(seizureItems).massKg as unknown as { precision: number; scale: number };
    expect(SEIZURE_ITEMS_MAX * QUANTITY_MAX * 1000).toBeLessThan(10 ** (precision - scale));
    const items = Array.from({ length: SEIZURE_ITEMS_MAX }, () => ({ substanceId: "acetic-anhydride", quantity: QUANTITY_MAX, unit: "t" as const }));
    const { id } = await createThrough(analyst, seizureInput({ items }));
    const stored = await db.select({ quantity: seizureItems.quantity, massKg: seizureItems.massKg }).from(seizureItems).where(eq(seizureItems.noticeId, id));
    expect(stored).toHaveLength(SEIZURE_ITEMS_MAX);
    expect(stored[0]).toEqual({ quantity: QUANTITY_MAX, massKg: QUANTITY_MAX * 1000 });
  });

  it("refuses a date outside the platform's years, or outside the calendar, with a field message", async () => {
    const range = { min: DATE_MIN, max: DATE_MAX };
    expect(await fieldsOf(createThrough(analyst, seizureInput({ occurredOn: "0000-01-01" })))).toEqual({
      "notice.occurredOn": { key: "dateOutOfRange", values: range },
    });
    expect(await fieldsOf(createThrough(analyst, companyInput({ expiresOn: "2101-01-01" })))).toEqual({
      "notice.expiresOn": { key: "dateOutOfRange", values: range },
    });
    expect(await fieldsOf(createThrough(analyst, seizureInput({ occurredOn: "99999-01-01" })))).toEqual({ "notice.occurredOn": { key: "invalidDate" } });
    expect(await fieldsOf(analyst.notices.feed({ filters: { from: "0000-01-01" } }))).toEqual({ "filters.from": { key: "dateOutOfRange", values: range } });
  });

  it("refuses a version beyond PostgreSQL's integer with a field message", async () => {
    const { id } = await createThrough(analyst, seizureInput());
    expect(await fieldsOf(analyst.notices.update({ id, version: 2 ** 40, notice: seizureInput() }))).toEqual({
      version: { key: "tooBig", values: { max: 2 ** 31 - 1 } },
    });
    expect((await refusal(analyst.notices.version({ id, version: 2 ** 40 }))).code).toBe("BAD_REQUEST");
  });

  it("has each message in every language, with the same values", async () => {
    for (const key of ["invalidCharacters", "invalidDate", "dateOutOfRange"]) {
      const texts = await Promise.all(
        LOCALES.map(async (locale) => ((await import(`~/i18n/messages/${locale}/validation.json`)) as { default: Record<string, string> }).default[key]),
      );
      const placeholders = texts.map((text) => [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      for (const [i, text] of texts.entries()) {
        expect(text, `${LOCALES[i]} ${key}`).toBeTruthy();
        expect(placeholders[i]).toEqual(placeholders[0]);
      }
    }
  });
});
