import { selectionFromParams } from "~/schemas/exports";
import { download, today } from "../download";

/** The STIX 2.1 bundle of a notice, a feed (or crossing) page's filters, or a search. */
export function GET(request: Request): Promise<Response> {
  const selection = selectionFromParams(new URL(request.url).searchParams);
  return download(request, async (caller) => {
    const { bundle } = await caller.exports.stix(selection);
    return { body: JSON.stringify(bundle, null, 2), type: "application/stix+json;version=2.1", filename: `tianshan-notices-${today()}.stix.json` };
  });
}
