import { sql, type SQL } from "drizzle-orm";
import { notifications, type NotificationMatch } from "~/db/schema";
import type { Locale } from "~/i18n/locales";
import { nameIn } from "~/server/services/notices/summaries";

/** The names a subscription's criteria list, in the reader's language, in the order it lists them. */
export type MatchedNames = { crossings: string[]; substances: string[]; countries: string[]; agencies: string[] };

/** The reference names of `key` (an id list of `notifications.matched`), looked up in `table` by `column`. */
function namesOf(key: string, table: string, column: string, name: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(${name} ORDER BY ids.k), '[]') FROM jsonb_array_elements_text(${notifications.matched} -> ${key}) WITH ORDINALITY AS ids(id, k)
    JOIN ${sql.identifier(table)} t ON t.${sql.identifier(column)} = ids.id)`;
}

/**
 * The names behind what matched a notification (a subscription's crossings, substances,
 * countries and agencies), resolved when it is read (in `locale`, or per row by a locale column); null for a watch, the author's own notice,
 * or a notification older than the record. Reference names only: nothing here is about a notice.
 */
export function matchedNames(locale: Locale | SQL): SQL<MatchedNames | null> {
  const local = (prefix: string) => {
    const [en, ru, zh] = ["en", "ru", "zh"].map((l) => sql.raw(`${prefix}.name_${l}`)) as [SQL, SQL, SQL];
    // A locale known only per row (each recipient of a mail run has theirs) picks its column per row.
    return typeof locale === "string"
      ? nameIn(locale, en, ru, zh)
      : sql`(CASE ${locale} WHEN 'ru' THEN ${ru} WHEN 'zh' THEN coalesce(${zh}, ${en}) ELSE ${en} END)`;
  };
  return sql<MatchedNames | null>`CASE WHEN ${notifications.matched} ->> 'via' = 'subscription' THEN json_build_object(
    'crossings', ${namesOf("crossingIds", "crossings", "id", local("t"))},
    'substances', ${namesOf("substanceIds", "substances", "id", local("t"))},
    'countries', ${namesOf("countryCodes", "countries", "code", local("t"))},
    'agencies', ${namesOf("agencyIds", "agencies", "id", sql`t.short_name`)}
  ) END`;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * What brought a notification, in words: "Khorgos · acetic anhydride (your subscription)", "You
 * watch this notice", "Your notice". `t` translates in `notifications.matched`, `vocab` in
 * `vocab`. Null when it is not recorded (a notification older than the record).
 */
export function describeMatch(matched: NotificationMatch | null, names: MatchedNames | null, t: Translate, vocab: Translate): string | null {
  if (!matched) return null;
  if (matched.via === "deconfliction") return t(`deconfliction.${matched.step}`);
  if (matched.via !== "subscription") return t(matched.via);
  const parts = [
    ...(names?.crossings ?? []),
    ...(names?.substances ?? []),
    ...(names?.countries.length
      ? [matched.countryRole === "any" ? names.countries.join(", ") : t(`country.${matched.countryRole}`, { list: names.countries.join(", ") })]
      : []),
    ...matched.kinds.map((kind) => vocab(`kind.${kind}`)),
    ...(names?.agencies ?? []),
  ];
  return t("subscription", { what: parts.length ? parts.join(" · ") : t("everything") });
}
