import type { IncomingMessage } from "node:http";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "~/i18n/locales";
import { cookieValue } from "~/server/auth/viewer";

/**
 * The language of an answer the app server writes itself, without Next or the database: the
 * signed-in user's when known (`preferred`), else the language cookie's, else the browser's.
 */
export function requestLocale(req: IncomingMessage, preferred: string | null = null): Locale {
  if (isLocale(preferred)) return preferred;
  const cookieLocale = cookieValue(req.headers.cookie ?? null, LOCALE_COOKIE);
  return isLocale(cookieLocale) ? cookieLocale : negotiateLocale(req.headers["accept-language"] ?? null);
}
