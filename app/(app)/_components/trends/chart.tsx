import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

// Plot draws into a DOM; on the server, linkedom's. One document serves every chart: Plot only
// creates detached elements in it, which are serialised and dropped.
const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");

export type Bar = { key: string; label: string; value: number };

const BRAND = "#1e3a8a";

// Plot lays the axes out before any text is measured: widths are estimated at 12 px type, wide
// (CJK) characters counting nearly twice.
const PLOT_WIDTH = 640;
const textWidth = (text: string) => [...text].reduce((width, char) => width + (/[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 12 : 7), 0);

/** Every n-th category label, n chosen so that the shown ones do not overlap ("2026年1月" twelve times did). */
function spacedTicks(bars: Bar[], room: number): string[] {
  const widest = Math.max(0, ...bars.map((b) => textWidth(b.label))) + 8;
  const step = Math.max(1, Math.ceil((bars.length * widest) / room));
  return bars.filter((_, index) => index % step === 0).map((b) => b.key);
}

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
    width: PLOT_WIDTH,
  };
  // Room for the longest value label left of a vertical chart's axis ("16,000"), which Plot's default margin cut off.
  const marginLeft = Math.max(40, 16 + textWidth(Math.max(0, ...bars.map((b) => b.value)).toLocaleString("en")));
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
        marginLeft,
        x: {
          label: null,
          domain: bars.map((b) => b.key),
          ticks: spacedTicks(bars, PLOT_WIDTH - marginLeft - 20),
          tickFormat: (key: string) => labelOf.get(key) ?? key,
        },
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
