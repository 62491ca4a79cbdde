import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants.js";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { headerRules, responseHeaders } from "~/next.config.js";
import { config, contentSecurityPolicy, proxy } from "~/proxy";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("the Content-Security-Policy of pages", () => {
  it("allows scripts only with a fresh nonce, and no plugin, base or framing", () => {
    const first = proxy(new NextRequest("http://localhost:3000/feed"));
    const second = proxy(new NextRequest("http://localhost:3000/feed"));
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    const csp = directives(policy);
    const scripts = csp.get("script-src")!;
    expect(scripts.some((source) => /^'nonce-[A-Za-z0-9+/=]{20,}'$/.test(source))).toBe(true);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(first.headers.get("cache-control")).toBe("no-store");
  });

  it("hands the same nonce to the page render, through the request headers", () => {
    const response = proxy(new NextRequest("http://localhost:3000/"));
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(response.headers.get("content-security-policy"));
  });

  it("needs eval only in development, and upgrades requests only when served over HTTPS", () => {
    expect(directives(contentSecurityPolicy("n", { development: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n")).not.toContain("upgrade-insecure-requests");
  });

  it("covers every page and leaves API routes and static files to their own headers", () => {
    const pattern = new RegExp(`^${config.matcher[0]!.source}$`);
    for (const path of ["/", "/feed", "/mfa", "/signin", "/notices/abc"]) expect(pattern.test(path)).toBe(true);
    for (const path of ["/api/trpc/health.ping", "/_next/static/chunk.js", "/sw.js"]) expect(pattern.test(path)).toBe(false);
  });

  it("lets the device keep only reference pages and form shells (for offline use), and nothing that shows a notice", () => {
    const cacheControl = (path: string) => proxy(new NextRequest(`http://localhost:3000${path}`)).headers.get("cache-control");
    for (const path of ["/substances?q=acetic", "/crossings?country=KG", "/provisions", "/notices/new?kind=seizure", "/outbox", "/offline"]) {
      expect(cacheControl(path), path).toBe("private, no-cache");
    }
    for (const path of [
      "/",
      "/feed",
      "/search?q=x",
      "/notices/abc",
      "/notices/abc/history",
      "/crossings/torugart",
      "/substances/acetic-anhydride",
      "/notifications",
    ]) {
      expect(cacheControl(path), path).toBe("no-store");
    }
  });

  it("lets the app's own service worker run, and no other", () => {
    expect(directives(contentSecurityPolicy("n")).get("worker-src")).toEqual(["'self'"]);
  });
});

describe("the headers of every response (next.config.js)", () => {
  const byName = (phase: string) => new Map(responseHeaders(phase).map((h: { key: string; value: string }) => [h.key.toLowerCase(), h.value]));

  it("forbid sniffing and framing, send no referrer, and pin HTTPS in production", () => {
    const headers = byName(PHASE_PRODUCTION_SERVER);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("same-origin");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
  });

  it("give build files only what applies to a script or stylesheet, and every other answer all of them", () => {
    const rules = headerRules(PHASE_PRODUCTION_SERVER) as { source: string; headers: { key: string }[] }[];
    const keysFor = (source: string) => rules.find((rule) => rule.source === source)!.headers.map((h) => h.key.toLowerCase());
    expect(keysFor("/_next/static/:path*").sort()).toEqual(["referrer-policy", "x-content-type-options"]);
    const everything = rules.find((rule) => rule.headers.length === responseHeaders(PHASE_PRODUCTION_SERVER).length)!;
    const pattern = new RegExp(`^${everything.source.replace("/:path", "/")}$`);
    for (const path of ["/feed", "/sw.js", "/api/trpc/x", "/favicon.ico"]) expect(pattern.test(path), path).toBe(true);
    expect(pattern.test("/_next/static/chunks/a.js")).toBe(false);
  });

  it("give API answers a policy of their own that loads nothing and allows no framing", () => {
    const api = headerRules(PHASE_PRODUCTION_SERVER).find((rule: { source: string }) => rule.source === "/api/:path*")!;
    const policy = directives(api.headers.find((h: { key: string }) => h.key === "Content-Security-Policy")!.value);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("leave HSTS out of the development server", () => {
    expect(byName(PHASE_DEVELOPMENT_SERVER).has("strict-transport-security")).toBe(false);
  });
});

describe("server actions from elsewhere (issue 13, item 14c)", () => {
  const action = (headers: Record<string, string>) =>
    proxy(
      new NextRequest("http://localhost:3000/notifications", {
        method: "POST",
        headers: { "next-action": "0".repeat(42), "content-type": "text/plain", ...headers },
      }),
    );

  it("are refused with 403 before Next.js answers 500, whatever the Host header says", () => {
    for (const origin of ["https://evil.example", "https://localhost:3000", "http://localhost:3001", "null"]) {
      expect(action({ origin }).status, origin).toBe(403);
      expect(action({ origin, host: new URL(origin === "null" ? "http://x" : origin).host }).status, origin).toBe(403);
    }
    expect(action({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }).status).toBe(403);
  });

  it("go on to the action from this site, or from a client that names no origin", () => {
    expect(action({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }).status).toBe(200);
    expect(action({}).status).toBe(200);
    expect(proxy(new NextRequest("http://localhost:3000/feed", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});
