import { inArray } from "drizzle-orm";
import { db } from "~/db/index";
import { countries, substances } from "~/db/schema";
import type { NoticeFormValues } from "~/schemas/notices";
import figure from "./data/seizures-1996-2005.json" with { type: "json" };
import { asUser, COORDINATOR, postNotice } from "./notices";

type Row = (typeof figure.seizures)[number] & { place?: string };

const HISTORICAL_SOURCE = "Source: UNODC ROCA (2005), Figure 2";

export const historicalKey = (index: number) => `historical-seizure:${index}`;

/** "2000-2001" → [2000, 2001]; "1997" → [1997, 1997]. */
function years(year: string): [number, number] {
  const [first, last = first] = year.split("-").map(Number);
  return [first!, last!];
}

/**
 * One row of the report's figure as a CLEAR seizure notice from UNODC. The figure gives years
 * only: the notice happened "on" 1 January of the (first) year, and its narrative says so.
 */
function historicalNotice(row: Row, names: { country: Map<string, string>; substance: Map<string, string> }): NoticeFormValues {
  const [first, last] = years(row.year);
  const period = first === last ? String(first) : `${first}–${last}`;
  const country = names.country.get(row.seized_in) ?? row.seized_in;
  const what = row.substance ? names.substance.get(row.substance)!.toLowerCase() : "unspecified precursors";
  const verb = /destroyed/i.test(row.text) ? "destroyed" : "seized";
  const where = row.place ? `${row.place}, ${country}` : country;
  const declared = row.concealment ? /(?:mislabelled|misdeclared) as (.+)$/.exec(row.concealment)?.[1] : undefined;
  return {
    kind: "seizure",
    title: `${row.quantity} ${row.unit} of ${what}${row.concealment ? ` ${row.concealment}` : ""}, ${verb} in ${where} (${period})`,
    narrative: [
      row.text,
      first === last
        ? `The report gives the year only; the date shown is 1 January ${first}.`
        : `The report gives the period ${period} only; the date shown is 1 January ${first}, the start of that period.`,
      HISTORICAL_SOURCE,
    ].join("\n\n"),
    occurredOn: `${first}-01-01`,
    placeText: row.place ?? country,
    countryCode: row.seized_in,
    tags: row.substance ? ["historical", row.substance] : ["historical"],
    tlp: "clear",
    // A UN report compiled from official national seizure reports: a completely reliable source,
    // information probably true (not independently confirmed by UNODC).
    sourceReliability: "A",
    infoCredibility: 2,
    handlingCode: "intelligence_only",
    items: [
      {
        substanceId: row.substance,
        description: row.shipments && row.shipments > 1 ? `${row.shipments} shipments in total` : null,
        quantity: row.quantity,
        unit: row.unit as "t" | "L",
      },
    ],
    concealment: row.concealment,
    declaredAs: declared ?? null,
    conveyance: row.concealment && /railway/.test(row.concealment) ? "rail_wagon" : null,
    originCountries: row.origin,
    transitCountries: row.via,
  };
}

/**
 * Published at the end of the (last) year of the seizure, in the figure's order, so the feed
 * lists them historically, below everything current.
 */
const historicalPublishedAt = (row: Row, index: number) => new Date(Date.UTC(years(row.year)[1], 11, 31, 12, 0, index));

/**
 * The acetic anhydride seizures of 1996–2005 from the UNODC report, as CLEAR notices posted by
 * the demo UNODC coordinator. Fixed idempotency keys: re-running finds them and changes nothing.
 */
export async function seedHistoricalSeizures(): Promise<void> {
  const rows: Row[] = figure.seizures;
  const countryRows = await db
    .select({ code: countries.code, name: countries.nameEn })
    .from(countries)
    .where(inArray(countries.code, [...new Set(rows.map((r) => r.seized_in))]));
  const substanceIds = [...new Set(rows.flatMap((r) => (r.substance ? [r.substance] : [])))];
  const substanceRows = await db.select({ id: substances.id, name: substances.nameEn }).from(substances).where(inArray(substances.id, substanceIds));
  const names = { country: new Map(countryRows.map((c) => [c.code, c.name])), substance: new Map(substanceRows.map((s) => [s.id, s.name])) };

  await asUser(COORDINATOR, async (viewer) => {
    for (const [index, row] of rows.entries()) {
      await postNotice(viewer, historicalKey(index), historicalNotice(row, names), { publishedAt: historicalPublishedAt(row, index) });
    }
  });
}
