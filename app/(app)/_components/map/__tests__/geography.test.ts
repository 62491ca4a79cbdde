import { describe, expect, it } from "vitest";
import crossingsData from "~/db/seed/data/crossings.json";
import { barChart } from "../../trends/chart";
import { MAP_HEIGHT, MAP_WIDTH, place, regionGeography } from "../geography";

describe("the map's geography", () => {
  it("is the region only, simplified: the borders weigh ~20 KB, the member countries drawn apart", () => {
    const countries = regionGeography();
    const bytes = countries.reduce((n, c) => n + c.d.length, 0);
    // Measured: 20,123 bytes (world-atlas 50m, simplified, cut to the frame); unsimplified ~130 KB.
    expect(bytes).toBeLessThan(25_000);
    expect(
      countries
        .filter((c) => c.member)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["CN", "KG", "KZ", "TJ"]);
    expect(countries.map((c) => c.code)).toEqual(expect.arrayContaining(["UZ", "AF", "RU", "MN"]));
  });

  it("places every crossing of the reference data inside the frame, and nothing outside it", () => {
    for (const c of crossingsData.crossings) {
      const xy = place(c.longitude, c.latitude);
      expect([c.id, xy !== null]).toEqual([c.id, true]);
      expect(xy![0]).toBeGreaterThan(0);
      expect(xy![0]).toBeLessThan(MAP_WIDTH);
      expect(xy![1]).toBeGreaterThan(0);
      expect(xy![1]).toBeLessThan(MAP_HEIGHT);
    }
    // Moscow and Delhi are off the map.
    expect(place(37.6, 55.75)).toBeNull();
    expect(place(77.2, 28.6)).toBeNull();
  });
});

describe("a chart", () => {
  it("is SVG drawn without a browser, named for assistive technology, its labels as text", () => {
    const svg = barChart(
      [
        { key: "2026-01", label: "<script>alert(1)</script>", value: 3 },
        { key: "2026-02", label: "Feb", value: 5 },
      ],
      { label: 'Notices "per" month' },
    );
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('aria-label="Notices &quot;per&quot; month"');
    // One image, one name: no named groups inside (ARIA allows no name on a <g> without a role).
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg.match(/aria-label=/g)).toHaveLength(1);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("labels months so that they do not overlap: every other one of twelve Chinese month names, all of six", () => {
    const months = (count: number) => Array.from({ length: count }, (_, i) => ({ key: `2026-${i + 1}`, label: `2026年${i + 1}月`, value: i * 1500 }));
    expect(barChart(months(12), { label: "kg", unit: "kg" }).match(/2026年\d+月/g)).toEqual([
      "2026年1月",
      "2026年3月",
      "2026年5月",
      "2026年7月",
      "2026年9月",
      "2026年11月",
    ]);
    expect(barChart(months(6), { label: "kg" }).match(/2026年\d+月/g)).toHaveLength(6);
    // Twenty years of months still leave a readable axis, not 240 labels.
    expect(
      barChart(
        Array.from({ length: 240 }, (_, i) => ({ key: String(i), label: `${2006 + Math.floor(i / 12)}-${(i % 12) + 1}`, value: i })),
        { label: "n" },
      ).match(/\d{4}-\d+/g)!.length,
    ).toBeLessThan(20);
  });
});
