/** Where the waiting notices are listed (and where the form sends its author after queueing one). */
export const OUTBOX_PAGE = "/outbox";

/** The page a navigation falls back to offline when the device kept nothing for it. */
export const OFFLINE_PAGE = "/offline";

/** The Cache Storage cache of kept pages (cleared at sign-out with every other cache). */
export const PAGES_CACHE = "tianshan-pages";

/**
 * The pages a device may keep for reading offline: reference data and the shells of the notice
 * form and the outbox. None shows a notice: a crossing's or a substance's own page lists notices,
 * so it is not here. Every other page answers `no-store` (proxy.ts) and the service worker never
 * keeps it. Shared by the proxy (which sets the header), the service worker and the page that
 * asks it to keep one, so that the three cannot disagree.
 */
const KEPT_PATHS: readonly string[] = ["/substances", "/crossings", "/provisions", "/notices/new", OUTBOX_PAGE, OFFLINE_PAGE];

export function mayKeepPage(pathname: string): boolean {
  return KEPT_PATHS.includes(pathname);
}
