import type { IncomingMessage, ServerResponse } from "node:http";
import type { Locale } from "~/i18n/locales";
import { loadMessages } from "~/i18n/messages";
import { escapeHtml } from "./escape-html";
import { requestLocale } from "./request-locale";

// A refused request is answered after a pause of up to this long (never past Retry-After): a
// client that ignores Retry-After and sends again at once, on every connection it holds, then
// sends one request per connection per second, and refusing costs the server next to nothing.
const HOLD_MAX_MS = 1_000;

const messages = new Map<Locale, Promise<string>>();
function message(locale: Locale): Promise<string> {
  if (!messages.has(locale))
    messages.set(
      locale,
      loadMessages(locale).then((all) => (all.errors as Record<string, string>).tooManyRequests!),
    );
  return messages.get(locale)!;
}

/** The body each kind of client shows its user: tRPC's error shape, text for a server action, a page otherwise. */
function answer(req: IncomingMessage, locale: Locale, text: string, retryAfter: number): { type: string; body: string } {
  if (req.url?.startsWith("/api/")) {
    // The message is a key of the `errors` catalogue, as every tRPC error's: forms show it localized.
    const error = { message: "tooManyRequests", code: -32029, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfter } };
    return { type: "application/json", body: JSON.stringify({ error: { json: error } }) };
  }
  // Next's client rejects a server action with the body of a `text/plain` answer (that exact type,
  // no charset) as its error's message: a key of the `errors` catalogue, which the form shows
  // localized (useFormAction).
  if (req.headers["next-action"]) return { type: "text/plain", body: "tooManyRequests" };
  return {
    type: "text/html; charset=utf-8",
    body: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>429</title></head><body><p>${escapeHtml(text)}</p></body></html>`,
  };
}

/** 429 with Retry-After, in the user's language (theirs when signed in, else the cookie's or the browser's). */
export async function refuseTooManyRequests(req: IncomingMessage, res: ServerResponse, refusal: { waitSeconds: number; locale: string | null }) {
  const locale = requestLocale(req, refusal.locale);
  const retryAfter = Math.max(1, Math.ceil(refusal.waitSeconds));
  const { type, body } = answer(req, locale, await message(locale), retryAfter);
  await new Promise((resolve) => setTimeout(resolve, Math.min(HOLD_MAX_MS, refusal.waitSeconds * 1000)));
  res.writeHead(429, {
    "retry-after": String(retryAfter),
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
