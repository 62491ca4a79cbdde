import { selectionFromParams } from "~/schemas/exports";
import { download, today } from "../download";

/** The CSV of a notice, a feed (or crossing) page's filters, or a search: `?scope=…` as `selectionParams` writes it. */
export function GET(request: Request): Promise<Response> {
  const selection = selectionFromParams(new URL(request.url).searchParams);
  return download(request, async (caller) => {
    // The procedure's zod schema refuses a bad selection before any SQL.
    const { csv } = await caller.exports.csv(selection);
    return { body: csv, type: "text/csv; charset=utf-8", filename: `tianshan-notices-${today()}.csv` };
  });
}
