// TAXII 2.1's addresses end in "/" (the spec's, and what MISP and OpenCTI send), which Next
// answers with a 308 to the same address without it; a client that drops its Authorization on a
// redirect then gets 401. The app server passes them on to Next without the slash, where the
// routes are (app/api/taxii2/), so each is answered where it is asked.
const TAXII_PREFIX = "/api/taxii2/";

/** The request's address as Next should route it: a TAXII address's trailing "/" left out, its query kept. */
export function taxiiAddress(url: string | undefined): string | undefined {
  if (!url?.startsWith(TAXII_PREFIX)) return url;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (!path.endsWith("/") || path === "/") return url;
  return path.replace(/\/+$/, "") + (query === -1 ? "" : url.slice(query));
}
