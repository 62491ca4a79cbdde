import { describe, expect, it } from "vitest";
import { env } from "~/env.js";
import { authOptions } from "~/server/auth/config";
import { safeReturnPath } from "~/server/auth/return-path";

const APP = "https://tianshan.example.org";

// What a browser makes of the value once it is sent back as a Location or given to the router.
const landsOn = (path: string) => new URL(path, APP).origin;

describe("the address a user is sent to after sign-in (open redirect)", () => {
  it.each([
    ["/\\evil.example/x", "a backslash, read by browsers as a second slash"],
    ["/\t/evil.example/x", "a tab (%09), dropped by the URL parser"],
    ["/\n/evil.example/x", "a newline (%0A)"],
    ["/\r\n/evil.example/x", "a carriage return and newline"],
    ["//evil.example/x", "scheme-relative"],
    ["/\\/evil.example/x", "slash, backslash, slash"],
    ["\\\\evil.example/x", "two backslashes"],
    ["\\/evil.example", "backslash then slash"],
    ["/.//evil.example/x", "a dot segment leaving two slashes"],
    [" //evil.example/x", "a leading space"],
    ["javascript:alert(document.domain)", "javascript:"],
    ["JaVaScRiPt:alert(1)", "javascript: in mixed case"],
    ["data:text/html,<script>alert(1)</script>", "data:"],
    ["https://evil.example/x", "an absolute address elsewhere"],
    ["http://tianshan.example.org/x", "this host over another scheme"],
    ["https://tianshan.example.org:8443/x", "this host on another port"],
    ["https://tianshan.example.org@evil.example/x", "this host as userinfo"],
    ["https://user:pass@tianshan.example.org/x", "userinfo on this host"],
    ["https:evil.example", "a scheme without slashes"],
    ["https://tianshan.example.org.evil.example/", "this host as a prefix of another"],
  ])("keeps %j on the site (%s)", (value) => {
    const path = safeReturnPath(value, APP);
    expect(path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")).toBe(true);
    expect(landsOn(path)).toBe(APP);
  });

  it.each([
    ["/feed?tlp=amber#top", "/feed?tlp=amber#top"],
    ["/notices/4f0c", "/notices/4f0c"],
    ["https://tianshan.example.org/search?q=x", "/search?q=x"],
    ["/a/../feed", "/feed"],
  ])("passes %j on as %j", (value, expected) => {
    expect(safeReturnPath(value, APP)).toBe(expected);
  });

  it.each([undefined, null, ["/feed", "//evil.example"], ""])("sends %j home", (value) => {
    expect(safeReturnPath(value, APP)).toBe("/");
  });

  it("bounds next-auth's own redirects to this site", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const own = new URL(env.APP_URL).origin;
    for (const url of ["/\\evil.example/x", "/\t/evil.example/x", "https://evil.example/", "//evil.example"]) {
      expect(new URL(await redirect({ url, baseUrl: own })).origin).toBe(own);
    }
    expect(await redirect({ url: "/feed", baseUrl: own })).toBe(`${own}/feed`);
  });
});
