import type { NoticeKind } from "~/schemas/notice-enums";

// The address people share says "company"; the notice kind is "company_alert".
const KINDS = { seizure: "seizure", company: "company_alert", arrest: "arrest" } as const satisfies Record<string, NoticeKind>;
export type KindParam = keyof typeof KINDS;

/** The kinds of notice, in the order the header and the chooser offer them. */
export const NEW_NOTICE_KINDS = (Object.keys(KINDS) as KindParam[]).map((param) => ({ param, kind: KINDS[param] }));

export const kindOfParam = (value: string | string[] | undefined): NoticeKind | null =>
  typeof value === "string" && Object.hasOwn(KINDS, value) ? KINDS[value as KindParam] : null;

/** What a new notice may start with, taken from the page it is reported from. */
export type NoticePrefill = { crossing?: string; substance?: string };

/** The new-notice form of one kind, optionally prefilled (read server-side: works without JavaScript). */
export function newNoticeHref(kind: KindParam, prefill: NoticePrefill = {}): string {
  const query = new URLSearchParams({ kind });
  if (prefill.crossing) query.set("crossing", prefill.crossing);
  if (prefill.substance) query.set("substance", prefill.substance);
  return `/notices/new?${query}`;
}
