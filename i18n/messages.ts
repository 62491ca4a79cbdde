import type { Locale } from "./locales";

/**
 * One file per namespace and language, so that each area of the app owns its strings.
 * English, Russian and Chinese are complete (a unit test compares their keys). Russian and Chinese
 * are laid over English key by key, so that a string added in English shows in English, not as a
 * raw key, until it is translated.
 */
export const NAMESPACES = ["common", "auth", "validation", "errors", "reference", "agencies", "profile", "users", "feed", "notice", "noticeForm", "vocab", "notifications", "email", "subscriptions", "moderation", "security", "offline"] as const;

type Messages = Record<string, unknown>;

async function load(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(
    NAMESPACES.map(async (ns) => {
      const mod = (await import(`./messages/${locale}/${ns}.json`).catch(() => ({ default: {} }))) as { default: Messages };
      return [ns, mod.default] as const;
    }),
  );
  return Object.fromEntries(parts);
}

// A group of messages; a message is a string, or (compiled at build time, next.config.js) an array.
const isGroup = (value: unknown): value is Messages => typeof value === "object" && value !== null && !Array.isArray(value);

export function fillFrom(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const fallback = base[key];
    out[key] = isGroup(value) && isGroup(fallback) ? fillFrom(fallback, value) : value;
  }
  return out;
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const own = await load(locale);
  return locale === "en" ? own : fillFrom(await load("en"), own);
}
