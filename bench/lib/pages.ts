import { request } from "node:http";
import { brotliDecompressSync } from "node:zlib";
import type { FeedInput } from "~/server/services/notices/feed";
import { FEED_SECTION_SIZE } from "~/schemas/notice-limits";
import { trpcUrl } from "./app";
import { BROWSER_ACCEPT_ENCODING } from "./load";
import type { Pair } from "./rounds";

// The HTML pages people load, each beside the API call of the data it shows: the share is what the
// page costs over its data (rendering, the Server Components payload, the layout's own reads).

export type PageScenario = { name: string; path: string; data: { procedure: string; input: unknown } };

export function pageScenarios(options: { noticeId: string; crossingId: string; search: string }): PageScenario[] {
  const feed = (input: FeedInput | Record<string, unknown>) => ({ procedure: "notices.feed", input });
  return [
    { name: "/feed, first page", path: "/feed", data: feed({}) },
    {
      name: `/crossings/${options.crossingId}`,
      path: `/crossings/${options.crossingId}`,
      data: feed({ filters: { crossingId: options.crossingId }, limit: FEED_SECTION_SIZE }),
    },
    { name: "notice page (the feed's newest)", path: `/notices/${options.noticeId}`, data: { procedure: "notices.get", input: { id: options.noticeId } } },
    {
      name: `/search?q=${options.search}`,
      path: `/search?${new URLSearchParams({ q: options.search })}`,
      data: { procedure: "notices.search", input: { q: options.search } },
    },
  ];
}

export const pagePairs = (base: string, cookie: string, pages: PageScenario[]): Pair[] =>
  pages.map((page) => ({
    name: page.name,
    subject: { url: `${base}${page.path}`, cookie },
    reference: { url: trpcUrl(base, page.data.procedure, page.data.input), cookie },
  }));

/** A page's document as a browser receives it: its HTML's size, and what crosses the wire (brotli). */
export type DocumentSize = { status: number; html: number; transferred: number; body: string };

export function documentSize(url: string, cookie: string): Promise<DocumentSize> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, "accept-encoding": BROWSER_ACCEPT_ENCODING } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const html = res.headers["content-encoding"] === "br" ? brotliDecompressSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, html: html.length, transferred: raw.length, body: html.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Checks that a page answers as the signed-in reader's page before it is timed: 200 and HTML with
 * the reader's navigation (a sign-in page would also be 200). Returns what is wrong, or null.
 */
export function pageProblem(size: DocumentSize, mustContain: string): string | null {
  if (size.status !== 200) return `answered ${size.status}`;
  if (!size.body.includes(mustContain)) return `answered a page without "${mustContain}": ${size.body.slice(0, 200)}`;
  return null;
}
