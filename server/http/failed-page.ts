import type { IncomingMessage } from "node:http";
import { createTranslator } from "next-intl";
import { loadMessages } from "~/i18n/messages";
import { escapeHtml } from "./escape-html";
import { requestLocale } from "./request-locale";

// Written by the app server itself: what failed may be Next's rendering or the database, so the
// page needs neither (no scripts, no stylesheet of the build; its own few rules inline, which the
// policy below allows and nothing else).
const STYLE =
  "body{margin:0;background:#f8fafc;color:#0f172a;font:16px/1.5 system-ui,sans-serif}" +
  "main{max-width:36rem;margin:4rem auto;padding:0 1rem;text-align:center}h1{font-size:1.5rem;font-weight:600}" +
  "p{color:#64748b;font-size:.875rem}a{display:inline-block;margin-top:1.5rem;padding:.5rem 1rem;border-radius:.375rem;background:#1d4f91;color:#fff;text-decoration:none}";

/**
 * The page a failed document request gets instead of Next's empty error shell (error-documents.ts):
 * in the reader's language, that the page failed, its reference in the server's log (the digest
 * error.tsx shows with scripts), and a link that asks for the same address again.
 */
export async function failedPage(req: IncomingMessage, digest: string | null): Promise<{ headers: Record<string, string>; body: string }> {
  const locale = requestLocale(req);
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages: messages as never, namespace: "errors" as never }) as unknown as (
    key: string,
    values?: Record<string, string>,
  ) => string;
  const appName = (messages.common as Record<string, string>).appName!;
  // The same address, always on this site: a request line such as `//elsewhere.example/x` (or
  // `/.//elsewhere.example`) must not become a link to another host.
  const again = new URL(req.url ?? "/", "http://app.invalid");
  const retry = `/${again.pathname.replace(/^\/+/, "")}${again.search}`;
  const reference = digest ? `<p>${escapeHtml(t("reference", { id: digest }))}</p>` : "";
  const body =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(appName)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(t("pageFailed"))}</h1>${reference}` +
    `<a href="${escapeHtml(retry)}">${escapeHtml(t("retry"))}</a></main></body></html>`;
  return {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
    body,
  };
}
