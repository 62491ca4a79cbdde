type Messages = Record<string, unknown>;

/**
 * The messages client components translate with on any page (`useTranslations` in a "use client"
 * module), as namespace paths. Every other string is rendered on the server and never sent: all
 * of a language's messages were ~85 KB in every page's Server Components payload.
 * i18n/__tests__/client-messages.test.ts checks that each client namespace is listed here or in
 * NOTICE_FORM_NAMESPACES.
 */
export const CLIENT_NAMESPACES = [
  "agencies",
  "auth",
  "common",
  "errors",
  "feed.arrivals",
  "moderation.curation",
  "moderation.decide",
  "moderation.preModeration",
  "moderation.report",
  "notice.actions",
  "notice.related",
  "notifications.bell",
  "offline.client",
  "profile.password",
  "profile.preferences",
  "security.mfa",
  "security.profile",
  "subscriptions",
  "users",
  "validation",
] as const;

/** What the notice form adds, sent only by the pages that show it (about as much again as all the rest). */
export const NOTICE_FORM_NAMESPACES = ["noticeForm", "vocab"] as const;

/** `messages` reduced to the given namespace paths ("a" or "a.b"), nested as they were. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    const value = path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Messages)[key] : undefined), messages);
    if (value === undefined) continue;
    let target = picked;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Messages;
    target[path.at(-1)!] = value;
  }
  return picked;
}
