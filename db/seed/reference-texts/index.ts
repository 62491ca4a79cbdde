import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/index";
import crossingData from "../data/crossings.json" with { type: "json" };
import provisionData from "../data/criminal-provisions.json" with { type: "json" };
import substanceData from "../data/precursors.json" with { type: "json" };
import { CROSSING_TEXTS } from "./crossings";
import { PROVISION_TEXTS } from "./provisions";
import { SUBSTANCE_TEXTS } from "./substances";
import type { Translation } from "./types";

type Text = string | string[];
/** One field of one row: the source's English, the English shown, Russian and Chinese. */
type Filled = { id: string; source: Text; en: Text; ru: Text; zh: Text };

function one(id: string, source: string | null | undefined, text: Translation | undefined): Filled[] {
  return source && text ? [{ id, source, en: text.en ?? source, ru: text.ru, zh: text.zh }] : [];
}

function list(id: string, source: string[], texts: Translation[] | undefined): Filled[] {
  if (!source.length || texts?.length !== source.length) return [];
  return [{ id, source, en: texts.map((t, i) => t.en ?? source[i]!), ru: texts.map((t) => t.ru), zh: texts.map((t) => t.zh) }];
}

/**
 * Writes one field's translations. Only where both are still missing and the English is the
 * source's (or already the reader's rewrite of it): a curator's edit is never overwritten, and a
 * text a curator changed keeps no translation of what it used to say.
 */
async function fill(db: DbOrTx, table: string, column: string, rows: Filled[], options: { en?: string; array?: boolean } = {}) {
  if (!rows.length) return;
  const type = sql.raw(options.array ? "text[]" : "text");
  const [t, en, ru, zh] = [table, options.en ?? column, `${column}_ru`, `${column}_zh`].map((name) => sql.identifier(name));
  await db.execute(sql`
    update ${t} set ${en} = s.en, ${ru} = s.ru, ${zh} = s.zh
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(id text, source ${type}, en ${type}, ru ${type}, zh ${type})
    where ${t}.id = s.id and ${t}.${ru} is null and ${t}.${zh} is null and ${t}.${en} in (s.source, s.en)`);
}

/**
 * The Russian and Chinese of the reference data's free texts (notes, schedules, the 2005
 * assessment, uses, control history, criminal provisions), from this folder; run by every seed, so
 * a database seeded before they existed gets them at the next `npm run db:migrate`.
 */
export async function seedReferenceTexts(db: DbOrTx): Promise<void> {
  const crossings = crossingData.crossings.map((c) => ({ c, texts: CROSSING_TEXTS[c.id] ?? {} }));
  await fill(
    db,
    "crossings",
    "schedule_note",
    crossings.flatMap(({ c, texts }) => one(c.id, c.schedule_note, texts.scheduleNote)),
  );
  await fill(
    db,
    "crossings",
    "notes",
    crossings.flatMap(({ c, texts }) => list(c.id, c.notes, texts.notes)),
    { array: true },
  );
  await fill(
    db,
    "crossings",
    "traffic2005",
    crossings.flatMap(({ c, texts }) => one(c.id, "traffic_2005" in c ? c.traffic_2005 : null, texts.traffic2005)),
  );
  await fill(
    db,
    "crossings",
    "controls2005",
    crossings.flatMap(({ c, texts }) => one(c.id, "controls_2005" in c ? c.controls_2005 : null, texts.controls2005)),
  );

  const substances = substanceData.substances;
  for (const [column, field] of [
    ["illicit_use", "illicit_use"],
    ["licit_uses", "licit_uses"],
    ["control_history", "control_history"],
  ] as const)
    await fill(
      db,
      "substances",
      column,
      substances.flatMap((s) => one(s.id, s[field], s[field] ? SUBSTANCE_TEXTS[s[field]] : undefined)),
    );

  const provisions = provisionData.provisions.map((p) => ({ p, texts: PROVISION_TEXTS[p.id] }));
  await fill(
    db,
    "criminal_provisions",
    "code",
    provisions.flatMap(({ p, texts }) => one(p.id, p.code, texts?.code)),
  );
  await fill(
    db,
    "criminal_provisions",
    "title",
    provisions.flatMap(({ p, texts }) => one(p.id, p.title_en, texts?.title)),
    { en: "title_en" },
  );
  await fill(
    db,
    "criminal_provisions",
    "penalty_summary",
    provisions.flatMap(({ p, texts }) => one(p.id, p.penalty_summary, texts?.penaltySummary)),
  );
  await fill(
    db,
    "criminal_provisions",
    "source_note",
    provisions.flatMap(({ p, texts }) => one(p.id, p.source_note, texts?.sourceNote)),
  );
  await fill(
    db,
    "criminal_provisions",
    "verification",
    provisions.flatMap(({ p, texts }) => one(p.id, p.verification, texts?.verification)),
  );
}
