import type { ComponentProps } from "react";

/** `replace`: the navigation replaces the current history entry (a step of a flow, not a page to go back to). */
export type LinkProps = Omit<ComponentProps<"a">, "href"> & { href: string; replace?: boolean };

/**
 * The app's link: a plain <a>, server-rendered wherever it is used, so no page ships code per
 * link (next/link and its helpers were ~3.5 KB of every page's scripts, and each client
 * reference a row of the page's payload). With JavaScript, `LinkNavigation`
 * (link-navigation.tsx, in the root layout) turns a click on it into a client-side navigation and
 * the reader's intent (pointer over it, focus, touch) into a prefetch, never on a slow link; Next's
 * default would prefetch every link in the viewport (25 requests on a feed at 256 kbps).
 */
export function Link({ replace, ...props }: LinkProps) {
  return <a {...props} data-replace={replace ? "" : undefined} />;
}
