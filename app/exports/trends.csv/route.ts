import { TREND_PARAMS } from "~/schemas/picture";
import { download, today } from "../download";

/** The trends of a view as CSV: `?crossing=…&substance=…&country=…&agency=…&from=…&to=…`, as the trends page's address. */
export function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const filters: Record<string, string> = {};
  for (const [param, field] of Object.entries(TREND_PARAMS)) {
    const value = params.get(param)?.trim();
    if (value) filters[field] = param === "country" ? value.toUpperCase() : value;
  }
  return download(request, async (caller) => {
    // The procedure's zod schema refuses a bad value before any SQL (400).
    const { csv } = await caller.picture.trendsCsv({ filters });
    return { body: csv, type: "text/csv; charset=utf-8", filename: `tianshan-trends-${today()}.csv` };
  });
}
