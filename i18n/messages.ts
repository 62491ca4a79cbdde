import type { Locale } from "./locales";

/**
 * One file per namespace and language, so that each area of the app owns its strings.
 * English, Russian and Chinese are complete (a unit test compares their keys). Russian and Chinese
 * are laid over English key by key, so that a string added in English shows in English, not as a
 * raw key, until it is translated.
 */
export const NAMESPACES = [
  "common",
  "auth",
  "validation",
  "errors",
  "reference",
  "agencies",
  "profile",
  "users",
  "feed",
  "notice",
  "noticeForm",
  "vocab",
  "notifications",
  "email",
  "subscriptions",
  "moderation",
  "security",
  "offline",
  "exports",
  "api",
  "entities",
  "picture",
  "screening",
  "home",
  "deconfliction",
] as const;

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

// Built once per language and process: they are the build's own files, and building them (36
// imports and the merge) on every request was ~3% of a page's CPU time.
const loaded = new Map<Locale, Promise<Messages>>();

/** A language's messages, English filling what it lacks. The same object every call: never change it. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (!messages) {
    messages = Promise.all([load(locale), locale === "en" ? null : load("en")]).then(([own, en]) => (en ? fillFrom(en, own) : own));
    // A failed load is not kept: the next request tries again.
    messages.catch(() => loaded.delete(locale));
    loaded.set(locale, messages);
  }
  return messages;
}
