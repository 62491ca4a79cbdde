import { describe, expect, it } from "vitest";
import { taxiiAddress } from "../taxii-address";

describe("a TAXII address", () => {
  it("reaches its route without the trailing slash, query kept, so Next answers it instead of redirecting", () => {
    expect(taxiiAddress("/api/taxii2/")).toBe("/api/taxii2");
    expect(taxiiAddress("/api/taxii2/tianshan/collections/")).toBe("/api/taxii2/tianshan/collections");
    expect(taxiiAddress("/api/taxii2/tianshan/collections/abc/objects/?added_after=2026-01-01T00:00:00Z&limit=5")).toBe(
      "/api/taxii2/tianshan/collections/abc/objects?added_after=2026-01-01T00:00:00Z&limit=5",
    );
  });

  it("leaves every other address as it is", () => {
    for (const url of ["/feed/", "/api/v1/notices/", "/api/taxii2", "/api/taxii2/tianshan?x=/", undefined]) expect(taxiiAddress(url)).toBe(url);
  });
});
