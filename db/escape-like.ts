/**
 * Text a user typed, made literal inside a LIKE/ILIKE pattern: `%` and `_` are wildcards there, and
 * a user typing them means the characters themselves. Backslash is PostgreSQL's default escape
 * character, so the pattern needs no ESCAPE clause.
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
