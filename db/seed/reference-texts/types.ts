/**
 * One free text of the reference data in the three languages. `en` is given only where the text
 * shown to readers differs from the source's English (a curator's remark, a source code or a
 * column name rewritten as a sentence); the source's wording stays in db/seed/data/.
 */
export type Translation = { en?: string; ru: string; zh: string };
