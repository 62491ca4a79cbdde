import { NextResponse, type NextRequest } from "next/server";
import { env } from "~/env.js";
import { mayKeepPage } from "~/app/_offline/kept-pages";
import { isOwnOrigin } from "~/server/api/request-guard";

// Headers only. Nothing here decides who may see what: every page and procedure checks the session
// against the database itself (server/auth/sessions.ts), so a request that skips this proxy
// (CVE-2025-29927 and its kind) loses a header, never an authorization check.

/**
 * The policy of one page response. Scripts run only with this response's nonce (Next.js puts it on
 * its own scripts, reading it from the request's policy header); 'strict-dynamic' lets those load
 * the app's chunks. Styles may be inline: they cannot run code, and Next.js writes some.
 */
export function contentSecurityPolicy(nonce: string, { development = false, https = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // data: for the enrolment QR code, drawn as an SVG data URL.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The offline service worker (public/sw.js): 'strict-dynamic' above would refuse it.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * A POST to a page is a server action. Next.js refuses one whose Origin is not the Host, but
 * answers 500, as for a fault of ours, and trusts the Host, which the client writes: here it is
 * 403, against APP_URL's origin (scheme and port included). A POST without Origin is left to
 * Next.js, as it can carry no one's cookies but its sender's (browsers send Origin with every POST).
 */
function forgedActionRefusal(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site" || (origin !== null && !isOwnOrigin(origin))) {
    return new NextResponse("Forbidden: cross-origin request", {
      status: 403,
      headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
    });
  }
  return null;
}

// Next.js refuses a server action's body above 1 MB (its default `bodySizeLimit`) by throwing, which
// answers 500 as for a fault of ours. A post that says it is larger is refused here with 413: to a
// form sent with JavaScript as the key of its `errors` message (shown by the form, as 429 is), to one
// sent without as a short page in the three languages (no session is read here to choose one).
const ACTION_BODY_MAX = 1024 * 1024;
const TOO_LARGE_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>413</title></head><body>' +
  '<p>The form is larger than 1 MB: send less at once.</p><p lang="ru">Форма больше 1 МБ: отправьте меньше за один раз.</p><p lang="zh">表单超过 1 MB，请分批发送。</p></body></html>';

function tooLargeRefusal(request: NextRequest): NextResponse | null {
  if (request.method !== "POST" || Number(request.headers.get("content-length") ?? 0) <= ACTION_BODY_MAX) return null;
  const scripted = request.headers.has("next-action");
  return new NextResponse(scripted ? "payloadTooLarge" : TOO_LARGE_PAGE, {
    status: 413,
    headers: { "cache-control": "no-store", "content-type": scripted ? "text/plain" : "text/html; charset=utf-8" },
  });
}

export function proxy(request: NextRequest) {
  const refused = forgedActionRefusal(request) ?? tooLargeRefusal(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development", https: env.APP_URL.startsWith("https://") });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // Pages are personal once signed in; none is worth keeping in a shared cache. Only reference
  // pages and form shells, which show no notice, may stay on the user's own device, for offline
  // use; anything else (a notice of AMBER or stricter above all) is never stored.
  response.headers.set("cache-control", mayKeepPage(request.nextUrl.pathname) ? "private, no-cache" : "no-store");
  return response;
}

export const config = {
  matcher: [
    {
      // API routes set their own headers; static files carry no script and no personal data.
      source: "/((?!api/|_next/static|_next/image|favicon.ico|sw.js).*)",
    },
  ],
};
