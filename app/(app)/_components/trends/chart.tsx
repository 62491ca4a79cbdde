import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

// Plot draws into a DOM; on the server, linkedom's. One document serves every chart: Plot only
// creates detached elements in it, which are serialised and dropped.
const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");

export type Bar = { key: string; label: string; value: number };

const BRAND = "#1e3a8a";

/**
 * A bar chart as SVG markup, drawn on the server by Observable Plot: vertical bars for a series in
 * time order (months), horizontal ones for categories. The chart is a picture of the table the page
 * shows beside it, so it is an image with a name for assistive technology and nothing to read inside.
 */
export function barChart(bars: Bar[], options: { label: string; horizontal?: boolean; unit?: string }): string {
  const labelOf = new Map(bars.map((b) => [b.key, b.label]));
  const common = {
    document: document as unknown as Document,
    ariaLabel: options.label,
    style: { fontSize: "12px", background: "transparent", color: "#334155" },
    width: 640,
  };
  const svg = options.horizontal
    ? Plot.plot({
        ...common,
        height: 40 + 28 * Math.max(bars.length, 1),
        marginLeft: 160,
        x: { grid: true, label: options.unit ?? null },
        y: { label: null, domain: bars.map((b) => b.key), tickFormat: (key: string) => labelOf.get(key) ?? key },
        marks: [Plot.barX(bars, { x: "value", y: "key", fill: BRAND }), Plot.ruleX([0])],
      })
    : Plot.plot({
        ...common,
        height: 260,
        marginBottom: 40,
        x: { label: null, domain: bars.map((b) => b.key), tickFormat: (key: string) => labelOf.get(key) ?? key, tickRotate: bars.length > 12 ? -45 : 0 },
        y: { grid: true, label: options.unit ?? null },
        marks: [Plot.barY(bars, { x: "key", y: "value", fill: BRAND }), Plot.ruleY([0])],
      });
  // One image with one name: Plot names its marks' groups too (aria-label on a <g> with no role,
  // which ARIA does not allow), and the numbers are in the table beside the chart anyway.
  const element = svg as unknown as Element;
  element.setAttribute("role", "img");
  for (const named of element.querySelectorAll("[aria-label]")) named.removeAttribute("aria-label");
  return element.outerHTML;
}

/** The chart in a page: Plot's own markup (its text escaped by the serialiser), scaled to the column's width. */
export function Chart({ svg }: { svg: string }) {
  return <div className="overflow-hidden [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />;
}
