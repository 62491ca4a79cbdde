/**
 * User text inside a string of ours (a message with a name in it, a page title, a mail line),
 * isolated with FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: a right-to-left override or
 * embedding in it (U+202E and its kind) then ends where the text does, and cannot reorder ours.
 * In markup, <bdi> does the same.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;
